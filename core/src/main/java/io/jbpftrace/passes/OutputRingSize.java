package io.jbpftrace.passes;

import java.util.Map;

/**
 * Size of the ring buffer that carries printf and the other output records. bpftrace sizes its
 * per-CPU perf buffers with {@code BPFTRACE_PERF_RB_PAGES} (pages per CPU); we take the same amount
 * in one shared ring, rounded up to a power of two as the kernel requires. Without it the ring is
 * {@link #DEFAULT_BYTES}: large enough to hold a long burst while the reader sleeps; but a script
 * with only BEGIN and END gets {@link #BEGIN_END_BYTES} (END's output is read as soon as it ran),
 * because the kernel maps every page of the ring into the reader at once: 8 MiB, mapped twice for
 * records that wrap, would be 16 MiB of resident memory for a hello world.
 */
public final class OutputRingSize {
    public static final int DEFAULT_BYTES = 8 << 20, BEGIN_END_BYTES = 256 << 10;
    private static final int PAGE = 4096, MAX_BYTES = 1 << 30;

    private OutputRingSize() {}

    public static int resolve(Map<String, String> env, int cpus, boolean onlyBeginEnd) {
        String name = "BPFTRACE_PERF_RB_PAGES";
        if (!env.containsKey(name)) return onlyBeginEnd ? BEGIN_END_BYTES : DEFAULT_BYTES;
        long pages = ScriptConfig.positive(env, name);
        long bytes = Math.min(MAX_BYTES, pages * PAGE * cpus);
        return (int) Math.max(PAGE, Long.highestOneBit(bytes - 1) << 1);
    }
}
