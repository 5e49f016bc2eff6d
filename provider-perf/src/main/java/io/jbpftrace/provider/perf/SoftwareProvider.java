package io.jbpftrace.provider.perf;

/** {@code software:page-faults:100}: kernel software counters (faults, switches, clocks ...). */
public final class SoftwareProvider extends PerfProvider {
    public SoftwareProvider() { super(EventFamily.SOFTWARE); }
}
