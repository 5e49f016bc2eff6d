package io.jbpftrace.provider.tracepoint;

import io.jbpftrace.spi.Glob;

/** Turns a {@code -l} pattern into a glob over canonical {@code tracepoint:category:name} names. */
final class ProbeNames {
    private ProbeNames() {}

    /** An empty pattern lists everything; a leading alias ({@code t:}) is read as {@code tracepoint:}. */
    static Glob listGlob(String pattern) {
        if (pattern == null || pattern.isEmpty()) return Glob.of("*");
        int colon = pattern.indexOf(':');
        if (colon > 0 && TracepointProvider.TYPES.contains(pattern.substring(0, colon))) {
            return Glob.of(TracepointProvider.TYPE + pattern.substring(colon));
        }
        return Glob.of(pattern);
    }
}
