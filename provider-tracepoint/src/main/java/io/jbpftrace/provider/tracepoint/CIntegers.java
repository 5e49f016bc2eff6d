package io.jbpftrace.provider.tracepoint;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the C integer type names seen in format files mean: width and sign. */
final class CIntegers {
    private record Known(int size, boolean signed) {}

    private static final Map<String, Known> KNOWN = Map.ofEntries(
            Map.entry("char", new Known(1, true)), Map.entry("signed char", new Known(1, true)),
            Map.entry("unsigned char", new Known(1, false)), Map.entry("bool", new Known(1, false)),
            Map.entry("_Bool", new Known(1, false)),
            Map.entry("short", new Known(2, true)), Map.entry("unsigned short", new Known(2, false)),
            Map.entry("int", new Known(4, true)), Map.entry("unsigned int", new Known(4, false)),
            Map.entry("unsigned", new Known(4, false)),
            Map.entry("long", new Known(8, true)), Map.entry("unsigned long", new Known(8, false)),
            Map.entry("long long", new Known(8, true)), Map.entry("unsigned long long", new Known(8, false)),
            Map.entry("size_t", new Known(8, false)), Map.entry("ssize_t", new Known(8, true)),
            Map.entry("loff_t", new Known(8, true)), Map.entry("pid_t", new Known(4, true)),
            Map.entry("uid_t", new Known(4, false)), Map.entry("gid_t", new Known(4, false)),
            Map.entry("umode_t", new Known(2, false)), Map.entry("dev_t", new Known(4, false)));

    /** u8..s64, __u8..__s64, uint8_t..int64_t */
    private static final Pattern FIXED_WIDTH = Pattern.compile("(?:__)?([us])(8|16|32|64)|(u?)int(8|16|32|64)_t");

    private CIntegers() {}

    /** Strips qualifiers and spacing that do not change an integer's meaning. */
    static String normalize(String cType) {
        return cType.replaceAll("\\b(const|volatile)\\b", "").replaceAll("\\s+", " ").trim();
    }

    /** Width of a known integer type ({@code u32}, {@code __s64}, {@code uint16_t}, {@code unsigned long} ...). */
    static Optional<Integer> size(String cType) {
        return known(cType).map(Known::size);
    }

    /** Sign of a known integer type; empty for typedefs we do not know (then the format's flag decides). */
    static Optional<Boolean> signed(String cType) {
        return known(cType).map(Known::signed);
    }

    private static Optional<Known> known(String cType) {
        String t = normalize(cType);
        Known k = KNOWN.get(t);
        if (k != null) return Optional.of(k);
        Matcher m = FIXED_WIDTH.matcher(t);
        if (!m.matches()) return Optional.empty();
        if (m.group(1) != null) return Optional.of(new Known(Integer.parseInt(m.group(2)) / 8, m.group(1).equals("s")));
        return Optional.of(new Known(Integer.parseInt(m.group(4)) / 8, m.group(3).isEmpty()));
    }
}
