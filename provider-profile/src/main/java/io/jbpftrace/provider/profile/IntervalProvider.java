package io.jbpftrace.provider.profile;

import io.jbpftrace.spi.Kernel;

/** {@code interval:s:1}: fires once per period, on one CPU (CPU 0, as bpftrace does). */
public final class IntervalProvider extends TimerProvider {
    private static final int[] CPU_ZERO = {0};

    public IntervalProvider() { super("interval", "i"); }

    @Override
    int[] cpus(Kernel kernel) { return CPU_ZERO.clone(); }
}
