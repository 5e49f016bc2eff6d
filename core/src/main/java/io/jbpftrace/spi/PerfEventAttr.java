package io.jbpftrace.spi;

/**
 * The parts of {@code struct perf_event_attr} providers need.
 *
 * @param type   PERF_TYPE_* (or a dynamic PMU type such as the uprobe PMU's)
 * @param config event selector
 * @param period sample period, or frequency when {@code freq} is set
 * @param config1 PMU specific (e.g. uprobe path pointer, set by the kernel facade)
 * @param config2 PMU specific (e.g. probe offset)
 */
public record PerfEventAttr(int type, long config, long period, boolean freq, long config1, long config2) {
    public static final int TYPE_HARDWARE = 0, TYPE_SOFTWARE = 1, TYPE_TRACEPOINT = 2;
    public static final long SW_CPU_CLOCK = 0;

    public static PerfEventAttr tracepoint(long id) { return new PerfEventAttr(TYPE_TRACEPOINT, id, 1, false, 0, 0); }

    public static PerfEventAttr sampling(int type, long config, long period, boolean freq) {
        return new PerfEventAttr(type, config, period, freq, 0, 0);
    }
}
