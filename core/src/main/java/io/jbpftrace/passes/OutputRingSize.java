package io.jbpftrace.passes;

import java.util.Map;

/**
 * Size of the ring buffer that carries printf and the other output records. bpftrace sizes its
 * per-CPU perf buffers with {@code BPFTRACE_PERF_RB_PAGES} (pages per CPU); we take the same amount
 * in one shared ring, rounded up to a power of two as the kernel requires. Without it the ring is
 * {@link #DEFAULT_BYTES}: large enough to hold a long burst while the reader sleeps.
 */
public final class OutputRingSize {
    public static final int DEFAULT_BYTES = 8 << 20;
    private static final int PAGE = 4096, MAX_BYTES = 1 << 30;

    private OutputRingSize() {}

    public static int resolve(Map<String, String> env, int cpus) {
        String name = "BPFTRACE_PERF_RB_PAGES";
        if (!env.containsKey(name)) return DEFAULT_BYTES;
        long pages = ScriptConfig.positive(env, name);
        long bytes = Math.min(MAX_BYTES, pages * PAGE * cpus);
        return (int) Math.max(PAGE, Long.highestOneBit(bytes - 1) << 1);
    }
}
