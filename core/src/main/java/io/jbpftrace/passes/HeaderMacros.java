package io.jbpftrace.passes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Integer macros of well-known headers ({@code header-macros.txt}): no kernel headers are needed
 * to run a tool that includes {@code <linux/sched.h>} for {@code TASK_RUNNING}.
 */
final class HeaderMacros {
    private static final String RESOURCE = "header-macros.txt";
    private static volatile HeaderMacros shipped;

    private final Map<String, Map<String, Long>> byHeader;

    private HeaderMacros(Map<String, Map<String, Long>> byHeader) { this.byHeader = byHeader; }

    /** The table in the core jar, read once. */
    static HeaderMacros shipped() {
        HeaderMacros m = shipped;
        if (m == null) {
            try (InputStream in = HeaderMacros.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the core jar");
                shipped = m = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    static HeaderMacros parse(Reader text) throws IOException {
        Map<String, Map<String, Long>> byHeader = new HashMap<>();
        List<String> headers = new ArrayList<>();
        BufferedReader lines = new BufferedReader(text);
        int lineNo = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                headers.clear();
                for (String h : line.split("\\s+")) {
                    if (!h.startsWith("[") || !h.endsWith("]")) throw new IOException(RESOURCE + ":" + lineNo + ": bad header list");
                    headers.add(h.substring(1, h.length() - 1));
                }
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || headers.isEmpty()) throw new IOException(RESOURCE + ":" + lineNo + ": expected NAME VALUE under a [header]");
            long value = parseValue(parts[1]);
            for (String h : headers) byHeader.computeIfAbsent(h, k -> new HashMap<>()).put(parts[0], value);
        }
        return new HeaderMacros(byHeader);
    }

    private static long parseValue(String v) {
        boolean negative = v.startsWith("-");
        String digits = negative ? v.substring(1) : v;
        long n = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
        return negative ? -n : n;
    }

    /** The value of {@code name} when one of {@code includes} defines it; the first include that does wins. */
    OptionalLong lookup(List<String> includes, String name) {
        for (String header : includes) {
            Map<String, Long> names = byHeader.get(header);
            if (names != null && names.containsKey(name)) return OptionalLong.of(names.get(name));
        }
        return OptionalLong.empty();
    }
}
