package io.jbpftrace.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each resources/output/NAME.txt holds the bytes bpftrace 0.17 printed for a program
 * (quoted above each case); the case rebuilds the decoded map data that program produces and
 * renders it. Text cases hold what follows "Attaching 1 probe...\n"; print/printf cases what
 * came before a "--END--" marker; JSON cases the whole -f json output.
 */
class OutputGoldenTest {
    private final Map<String, Supplier<String>> cases = new LinkedHashMap<>();

    OutputGoldenTest() {
        // BEGIN { @h = hist(5); @h = hist(0); @h = hist(-1); @h = hist(1000000); exit(); }
        exit("hist_basic", "@h", e(hist(5, 0, -1, 1000000)));
        exit("hist_bar_scaling", "@h", e(hist(-5, -5, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 9)));
        exit("hist_trim_leading", "@h", e(hist(100, 300, 300, 5000)));
        exit("hist_single_one", "@h", e(hist(1)));
        exit("hist_keyed_sorted", maps(
                "@h", List.of(e(hist(1), 1L), e(hist(2, 2), 2L), e(hist(100), 3L)),
                "@x", List.of(e(integer(1)))));
        exit("hist_tie_key_bytes", "@h", e(hist(1), 1L), e(hist(1), 256L), e(hist(1), 2L), e(hist(1), -1L));
        exit("hist_large", "@h", e(hist(1 << 30, 1 << 20, 1 << 20, 1 << 29)));
        exit("hist_zeroed", maps(
                "@h", List.of(e(new MapValue.Hist(new long[65]))),
                "@l", List.of(e(lhist(0, 10, 1))),
                "@x", List.of(e(integer(1)))));
        exit("hist_multikey", "@z", e(hist(3), "b", 2L), e(hist(3), "a", 5L), e(hist(3), "a", 1L));
        exit("lhist_basic", "@h", e(lhist(0, 100, 10, 5, -1, 100, 55)));
        exit("lhist_trim", "@h", e(lhist(0, 100, 10, 25, 45, 45)));
        exit("lhist_kilo", "@l", e(lhist(0, 10240, 1024, 5000, 1000, 1000, 6000)));
        exit("lhist_mega", "@h", e(lhist(0, 2097152, 1048576, 5000, 1048576, -3000000, 3000000)));
        exit("lhist_offset", "@h", e(lhist(100, 500, 50, 150, 499, 3)));
        exit("lhist_keyed", "@l", e(lhist(0, 100, 10, 5), 1L), e(lhist(0, 100, 10, 5, 15), 2L));
        // BEGIN { @c["b"] = count(); @c["a"] = count(); @c["a"] = count(); @x = 5; @a = 3; exit(); }
        exit("maps_order", maps(
                "@c", List.of(e(integer(1), "b"), e(integer(2), "a")),
                "@x", List.of(e(integer(5))),
                "@a", List.of(e(integer(3)))));
        exit("maps_sum_min_int", maps(
                "@a", List.of(e(integer(5), 1L), e(integer(-3), 2L)),
                "@s", List.of(e(integer(-5), 1L), e(integer(3), 2L)),
                "@i", List.of(e(integer(-5), 1L), e(integer(3), 2L), e(integer(1), -3L))));
        exit("maps_unsigned", maps(
                "@u", List.of(e(new MapValue.Int(-1, false))),
                "@v", List.of(e(integer(-1))),
                "@w", List.of(e(new MapValue.Int(0xffffffffL, false))),
                "@x", List.of(e(integer(-1))),
                "@y", List.of(e(new MapValue.Int(255, false)))));
        exit("maps_strings", maps(
                "@s", List.of(e(str("hello"), "k"), e(str("zz"), "a"), e(str("aa"), "b")),
                "@p", List.of(e(integer(1), "BEGIN")),
                "@q", List.of(e(tuple(1L, "a"))),
                "@r", List.of(e(tuple(1L, "a", tuple(2L, "c")), -1L))));
        exit("maps_string_int_keys", "@s", e(str("a"), 1L), e(str("b"), -1L), e(str("c"), 256L), e(str("d"), 2L));
        exit("maps_multikey", "@t", e(integer(2), 1L, "x"), e(integer(3), 0L, "z"), e(integer(1), 5L, "a"));
        cases.put("maps_empty", () -> TextMapPrinter.printAtExit(
                maps("@c", List.of(), "@h", List.of(), "@s", List.of(), "@a", List.of(), "@d", List.of(e(integer(1)))),
                Map.of("@h", MapKind.HIST, "@s", MapKind.STATS, "@a", MapKind.STATS)));
        exit("stats_avg", maps(
                "@s", List.of(e(new MapValue.Avg(2, 15))),
                "@t", List.of(e(new MapValue.Stats(2, 13))),
                "@u", List.of(e(new MapValue.Stats(1, 3), 1L), e(new MapValue.Stats(1, 1), 2L))));
        exit("stats_tie", maps(
                "@a", List.of(e(new MapValue.Avg(1, 1), 1L), e(new MapValue.Avg(1, 1), 256L), e(new MapValue.Avg(1, 1), -1L)),
                "@n", List.of(e(new MapValue.Stats(1, -7)))));

        List<MapEntry> sums = List.of(e(integer(10), 1L), e(integer(25), 2L), e(integer(7), 3L), e(integer(99), 4L));
        cases.put("print_top_div", () -> TextMapPrinter.print("@c", sums, 2, 0)
                + TextMapPrinter.print("@c", sums, 0, 10) + TextMapPrinter.print("@c", sums, 2, 3));
        List<MapEntry> hists = List.of(e(hist(1), 1L), e(hist(1, 100), 2L), e(hist(5), 3L));
        cases.put("print_hist_top_div", () -> TextMapPrinter.print("@h", hists, 2, 0) + TextMapPrinter.print("@h", hists, 0, 2));
        cases.put("print_avg_stats_lhist", () -> TextMapPrinter.print("@a",
                        List.of(e(new MapValue.Avg(1, 10), 1L), e(new MapValue.Avg(1, 20), 2L), e(new MapValue.Avg(1, 5), 3L)), 2, 2)
                + TextMapPrinter.print("@s",
                        List.of(e(new MapValue.Stats(1, 10), 1L), e(new MapValue.Stats(1, 20), 2L), e(new MapValue.Stats(1, 5), 3L)), 2, 2)
                + TextMapPrinter.print("@x", List.of(e(integer(5))))
                + TextMapPrinter.print("@l", List.of(e(lhist(0, 100, 10, 5), 1L), e(lhist(0, 100, 10, 5, 5), 2L)), 1, 2));
        cases.put("print_empty", () -> TextMapPrinter.print("@c", List.of())
                + TextMapPrinter.print("@s", List.of(), 0, 0, MapKind.STATS));

        printf("printf_ints", "%d %u %x %X %o|%ld %lu %lx|%lld %llu\n", -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -5L, -5L);
        printf("printf_narrow", "%hhd %hd %hu %hhu %hhx|%hhd %hhx %hX|%d\n",
                300L, 70000L, -1L, -1L, -1L, 128L, 256L, 65535L, 4294967301L);
        printf("printf_width", "%10d|%-10d|%05d|%-05d|%.3d|%8.3d|%08.3d|%.0d|\n", 42L, 42L, 42L, -42L, 7L, 7L, 7L, 0L);
        printf("printf_strings", "%s|%-10s|%10s|%5.2s|%.0s|%.10s|%-3.1s|%03s|\n",
                "abc", "ab", "cd", "hello", "abc", "abc", "abc", "x");
        printf("printf_char_ptr", "%c%c|%3c|%-3c|%p %p|%010p|%-10p|%10p|%hp\n", 65L, 322L, 66L, 67L, 0L, 4096L, 4096L, 4096L, 0L, 1L);
        cases.put("printf_percent", () -> Printf.format("100%% %d\n", List.of(5L)) + Printf.format("a%%b\n", List.of())
                + Printf.format("%d 100%%\n", List.of(5L)) + Printf.format("%%d\n", List.of(5L))
                + Printf.format("%5%d %d\n", List.of(3L, 4L)) + Printf.format("%d%\n", List.of(3L)));
        cases.put("printf_lengths", () -> Printf.format("%jd %zd %td %ju %zx %tX %lo %ho\n", List.of(-5L, -5L, -5L, -5L, -1L, -1L, -1L, -1L))
                + Printf.format("%lld\n", List.of(Long.MIN_VALUE)));

        json("json_maps", maps(
                "@c", List.of(e(integer(1), "b"), e(integer(2), "a")),
                "@x", List.of(e(integer(5))), "@y", List.of(e(integer(-3))),
                "@s", List.of(e(str("v\"x"), "k")), "@t", List.of(e(tuple(1L, "a"))),
                "@m", List.of(e(integer(3), 5L)), "@p", List.of(e(integer(1), "BEGIN")),
                "@k", List.of(e(integer(2), 1L, "x"))));
        json("json_hist", maps(
                "@h", List.of(e(hist(5, -1, 0, 1, 1000))),
                "@hk", List.of(e(hist(3), 1L), e(hist(3, 3), 2L)),
                "@g", List.of(e(hist(3000000000L)))));
        json("json_lhist", maps(
                "@l", List.of(e(lhist(0, 100, 10, 5, -5, 500))),
                "@o", List.of(e(lhist(100, 500, 50, 150)))));
        json("json_stats", maps(
                "@st", List.of(e(new MapValue.Stats(2, 15))), "@a", List.of(e(new MapValue.Avg(1, 5))),
                "@k", List.of(e(new MapValue.Stats(1, 3), 1L, "x")),
                "@b", List.of(e(new MapValue.Avg(1, 10), 1L), e(new MapValue.Avg(1, 4), 2L))));
        List<MapEntry> avgs = List.of(e(new MapValue.Avg(1, 10), 1L), e(new MapValue.Avg(1, 4), 2L));
        List<MapEntry> h2 = List.of(e(hist(4), 1L), e(hist(4, 4), 2L));
        cases.put("json_print", () -> JsonOutput.attachedProbes(1)
                + JsonMapPrinter.print("@c", List.of()) + JsonMapPrinter.print("@a", avgs, 1, 2)
                + JsonMapPrinter.print("@h2", h2, 1, 2) + JsonMapPrinter.print("@x", List.of(e(integer(1))))
                + "\n\n" + JsonMapPrinter.print("@a", avgs) + JsonMapPrinter.print("@c", List.of())
                + JsonMapPrinter.print("@h", List.of(e(new MapValue.Hist(new long[65]))))
                + JsonMapPrinter.print("@h2", h2) + JsonMapPrinter.print("@x", List.of(e(integer(1)))));
        cases.put("json_printf", () -> JsonOutput.attachedProbes(1)
                + JsonOutput.printf(Printf.format("hi \"q\" \\ \t tab\n", List.of()))
                + JsonOutput.printf(Printf.format("%s|%d\n", List.of("a\"b", -7L)))
                + JsonOutput.printf("\u0001\r\u001f\u007f") + "\n\n");
    }

    @TestFactory
    Stream<DynamicTest> goldenFiles() {
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(),
                () -> assertEquals(golden(c.getKey()), c.getValue().get())));
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFileHasACase() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/output/")) {
            List<String> names = new ArrayList<>();
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.endsWith(".txt")) names.add(line.substring(0, line.length() - 4));
                }
            }
            return names.stream().map(n -> DynamicTest.dynamicTest(n, () -> assertTrue(cases.containsKey(n), n)));
        }
    }

    private static String golden(String name) {
        try (InputStream in = OutputGoldenTest.class.getResourceAsStream("/output/" + name + ".txt")) {
            if (in == null) throw new IllegalStateException("missing golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exit(String name, String map, MapEntry... entries) {
        exit(name, maps(map, List.of(entries)));
    }

    private void exit(String name, Map<String, List<MapEntry>> maps) {
        cases.put(name, () -> TextMapPrinter.printAtExit(maps, Map.of()));
    }

    /** bpftrace -f json: attached_probes, the two newlines written at exit, then each map by name. */
    private void json(String name, Map<String, List<MapEntry>> maps) {
        cases.put(name, () -> {
            StringBuilder out = new StringBuilder(JsonOutput.attachedProbes(1)).append("\n\n");
            new java.util.TreeMap<>(maps).forEach((m, entries) -> out.append(JsonMapPrinter.print(m, entries)));
            return out.toString();
        });
    }

    private void printf(String name, String format, Object... args) {
        cases.put(name, () -> Printf.format(format, List.of(args)));
    }

    private static Map<String, List<MapEntry>> maps(Object... nameThenEntries) {
        Map<String, List<MapEntry>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenEntries.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<MapEntry> entries = (List<MapEntry>) nameThenEntries[i + 1];
            out.put((String) nameThenEntries[i], entries);
        }
        return out;
    }

    private static MapEntry e(MapValue v, Object... key) {
        return new MapEntry(List.of(key), v);
    }

    private static MapValue.Int integer(long v) {
        return new MapValue.Int(v, true);
    }

    private static MapValue.Str str(String s) {
        return new MapValue.Str(s);
    }

    private static MapValue.Tuple tuple(Object... elements) {
        return new MapValue.Tuple(List.of(elements));
    }

    /** The buckets hist() fills for these values, as the compiler computes them. */
    static MapValue.Hist hist(long... values) {
        long[] buckets = new long[65];
        for (long v : values) {
            int index = v < 0 ? 0 : v == 0 ? 1 : 2 + 63 - Long.numberOfLeadingZeros(v);
            buckets[index]++;
        }
        return new MapValue.Hist(buckets);
    }

    /** The buckets lhist(v, min, max, step) fills for these values. */
    static MapValue.LHist lhist(long min, long max, long step, long... values) {
        int steps = (int) ((max - min) / step);
        long[] buckets = new long[steps + 2];
        for (long v : values) {
            int index = v < min ? 0 : v >= max ? steps + 1 : (int) ((v - min) / step) + 1;
            buckets[index]++;
        }
        return new MapValue.LHist(min, max, step, buckets);
    }
}
