package io.jbpftrace.symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Symbols of just-in-time compiled code from a perf map, {@code /tmp/perf-PID.map}: one line per
 * method, {@code START SIZE name} with START and SIZE in hex (what perf-map-agent, node --perf-basic-prof
 * and others write). Later lines win where ranges overlap: a JIT may recompile into reused memory.
 */
public final class PerfMap {
    /** One JIT-compiled range. */
    public record Entry(long start, long size, String name) {
        boolean contains(long address) { return Long.compareUnsigned(address - start, size) < 0; }
    }

    private final List<Entry> entries;

    private PerfMap(List<Entry> entries) { this.entries = List.copyOf(entries); }

    public static Path pathFor(int pid) { return Path.of("/tmp/perf-" + pid + ".map"); }

    public static PerfMap read(Path file) throws IOException { return parse(Files.readString(file)); }

    public static PerfMap parse(String text) {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+", 3);
                if (f.length < 3) continue;
                try {
                    out.add(new Entry(hex(f[0]), hex(f[1]), f[2]));
                } catch (NumberFormatException e) {
                    // a malformed line: the rest of the map is still useful
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        return new PerfMap(out);
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s, 16);
    }

    public List<Entry> entries() { return entries; }

    /** The newest entry covering {@code address}. */
    public Optional<Entry> find(long address) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).contains(address)) return Optional.of(entries.get(i));
        }
        return Optional.empty();
    }
}
