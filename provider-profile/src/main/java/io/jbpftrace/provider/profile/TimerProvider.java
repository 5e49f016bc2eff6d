package io.jbpftrace.provider.profile;

import io.jbpftrace.spi.PerfEventGroup;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;

/** What profile and interval probes share: the {@code <unit>:<count>} form and CPU-clock perf events. */
abstract class TimerProvider implements ProbeProvider {
    private final List<String> types;

    TimerProvider(String type, String alias) { this.types = List.of(type, alias); }

    /** The CPUs the event is opened on. */
    abstract int[] cpus(Kernel kernel);

    @Override
    public List<String> probeTypes() { return types; }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        TimerSpec spec = TimerSpec.parse(types.get(0), probe);
        return List.of(new ProbeTarget(spec.probeName(), spec));
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.PERF_EVENT; }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        TimerSpec spec = target.data(TimerSpec.class);
        return PerfEventGroup.attach(kernel, spec.perfEventAttr(), cpus(kernel), programFd);
    }
}
