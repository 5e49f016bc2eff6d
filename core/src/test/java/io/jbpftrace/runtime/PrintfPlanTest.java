package io.jbpftrace.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.output.ByteOutput;
import io.jbpftrace.output.Printf;
import io.jbpftrace.types.Type;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The printf fast path against the general formatter (whose output the golden tests hold to bpftrace's). */
class PrintfPlanTest {
    private static final Type INT = new Type.Int(8, true), COMM = new Type.Str(16), STR = new Type.Str(64);
    private static final int RECORD_AT = 24; // somewhere inside a larger buffer, as in the ring

    /** Lays the arguments out as a BPF program does (8-byte slots, strings NUL-padded) after a header. */
    private static ByteBuffer record(List<Type> types, List<Object> args) {
        ByteBuffer b = ByteBuffer.allocate(RECORD_AT + 8 + 8 * 64).order(ByteOrder.LITTLE_ENDIAN);
        int at = RECORD_AT + 8;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Long v) b.putLong(at, v);
            else b.put(at, (byte[]) args.get(i));
            at += Type.align8(types.get(i).size());
        }
        return b;
    }

    private static byte[] fast(String format, List<Type> types, List<Object> args) {
        PrintfPlan plan = PrintfPlan.of(format, Printf.parse(format), types);
        assertNotNull(plan, format);
        ByteOutput out = new ByteOutput(16);
        plan.write(record(types, args), RECORD_AT + 8, out);
        return java.util.Arrays.copyOf(out.array(), out.size());
    }

    private static byte[] general(String format, List<Object> args) {
        List<Object> decoded = new ArrayList<>();
        for (Object a : args) decoded.add(a instanceof byte[] b ? ValueDecoder.string(ByteBuffer.wrap(b), 0, b.length) : a);
        return Printf.format(format, decoded).getBytes(StandardCharsets.UTF_8);
    }

    private static void same(String format, List<Type> types, Object... args) {
        List<Object> list = List.of(args);
        assertEquals(new String(general(format, list), StandardCharsets.UTF_8), new String(fast(format, types, list), StandardCharsets.UTF_8), format);
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    @Test
    void goldenFormatsGiveTheGeneralFormattersBytes() {
        same("%d %u %x %X|%ld %lu %lx|%lld %llu\n", List.of(INT, INT, INT, INT, INT, INT, INT, INT, INT), -1L, -1L, -1L, -1L, -1L, -1L, -1L, -5L, -5L);
        same("%hhd %hd %hu %hhu %hhx|%hhd %hhx %hX|%d\n", List.of(INT, INT, INT, INT, INT, INT, INT, INT, INT),
                300L, 70000L, -1L, -1L, -1L, 128L, 256L, 65535L, 4294967301L);
        same("%10d|%-10d|%05d|%-05d|%5d|%-3d|%03d\n", List.of(INT, INT, INT, INT, INT, INT, INT), 42L, 42L, 42L, -42L, -7L, -7L, -7L);
        same("%jd %zd %td %ju %zx %tX|%lld %llu %lx\n", List.of(INT, INT, INT, INT, INT, INT, INT, INT, INT),
                -5L, -5L, -5L, -5L, -1L, -1L, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
        same("%s|%-10s|%10s|%03s|\n", List.of(STR, STR, STR, STR), ascii("abc"), ascii("ab"), ascii("cd"), ascii("x"));
        same("%c%c|%3c|%-3c|%c\n", List.of(INT, INT, INT, INT, INT), 65L, 322L, 66L, 67L, 10L);
        same("100%% %d %%|%5%%d\n", List.of(INT, INT), 5L, 7L);
        same("no conversions %% at all\n", List.of());
    }

    @Test
    void commOfSixteenBytesHasNoNulAndPrintsWhole() {
        same("%d %s\n", List.of(INT, COMM), 1234L, ascii("abcdefghijklmnop"));
        assertEquals("1234 abcdefghijklmnop|\n", new String(fast("%d %s|\n", List.of(INT, COMM), List.of(1234L, ascii("abcdefghijklmnop"))),
                StandardCharsets.US_ASCII));
    }

    @Test
    void stringEndsAtItsFirstNul() {
        byte[] embedded = ascii("ab\0cd");
        same("[%s][%4s]\n", List.of(COMM, COMM), embedded, embedded);
        assertEquals("[ab][  ab]\n", new String(fast("[%s][%4s]\n", List.of(COMM, COMM), List.of(embedded, embedded)), StandardCharsets.US_ASCII));
    }

    /** As C (and bpftrace) do: raw bytes, widths counted in bytes. */
    @Test
    void nonAsciiBytesPassAsTheyAre() {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new byte[] {' ', ' ', ' ', (byte) 0xc3, (byte) 0xa9, '|', (byte) 0xc8, '\n'},
                fast("%5s|%c\n", List.of(STR, INT), List.of(e, 200L)));
    }

    @Test
    void randomFormatsAgreeWithTheGeneralFormatter() {
        Random r = new Random(10);
        String[] lengths = {"", "hh", "h", "l", "ll", "j", "z", "t"};
        long[] extremes = {0, 1, -1, 7, -42, 255, 256, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 32,
                Long.MAX_VALUE, Long.MIN_VALUE, 0xdeadbeefL};
        for (int round = 0; round < 2000; round++) {
            StringBuilder f = new StringBuilder();
            List<Type> types = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (int i = r.nextInt(5); i >= 0; i--) {
                f.append(r.nextBoolean() ? "x" : r.nextBoolean() ? "%%" : " ");
                f.append('%');
                if (r.nextInt(3) == 0) f.append('-');
                if (r.nextInt(3) == 0) f.append('0');
                if (r.nextBoolean()) f.append(1 + r.nextInt(25));
                char spec = "duxXcs".charAt(r.nextInt(6));
                if (spec == 's') {
                    types.add(COMM);
                    byte[] s = new byte[16];
                    for (int k = r.nextInt(17) - 1; k >= 0; k--) s[k] = (byte) (' ' + r.nextInt(95));
                    args.add(s);
                } else {
                    if (spec != 'c') f.append(lengths[r.nextInt(lengths.length)]);
                    types.add(INT);
                    long v = r.nextBoolean() ? r.nextLong() : extremes[r.nextInt(extremes.length)];
                    args.add(spec == 'c' ? v & 0x7f : v); // above 127 the paths differ on purpose (see below)
                }
                f.append(spec);
            }
            f.append(r.nextBoolean() ? "\n" : "%%\n");
            same(f.toString(), types, args.toArray());
        }
    }

    @Test
    void whatItDoesNotCoverTakesTheGeneralPath() {
        assertNull(PrintfPlan.of("%.3d\n", Printf.parse("%.3d\n"), List.of(INT)));
        assertNull(PrintfPlan.of("%p\n", Printf.parse("%p\n"), List.of(INT)));
        assertNull(PrintfPlan.of("%o\n", Printf.parse("%o\n"), List.of(INT)));
        assertNull(PrintfPlan.of("%s\n", Printf.parse("%s\n"), List.of(new Type.Symbol(false))));
        assertNull(PrintfPlan.of("%%d %d\n", Printf.parse("%%d %d\n"), List.of(INT, INT)), "a swallowed conversion");
    }

    @Test
    void formattingAllocatesNothingPerRecord() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Type> types = List.of(INT, COMM, INT, INT);
        String format = "%d %s %-5x|%05u\n";
        PrintfPlan plan = PrintfPlan.of(format, Printf.parse(format), types);
        ByteBuffer rec = record(types, List.of(-123456L, ascii("storm"), 255L, 42L));
        ByteOutput out = new ByteOutput(1 << 20);
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 1000; i++) plan.write(rec, RECORD_AT + 8, out); // warm up
        out.reset();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20_000; i++) plan.write(rec, RECORD_AT + 8, out);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals("-123456 storm ff   |00042\n".repeat(20_000), new String(out.array(), 0, out.size(), StandardCharsets.US_ASCII));
        assertTrue(allocated < 20_000, allocated + " bytes allocated for 20000 lines");
    }
}
