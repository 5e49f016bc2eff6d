package io.jbpftrace.registry.testbundle;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;

/** A provider owning one probe type, packed into throwaway bundles (or listed for ServiceLoader) by the tests. */
public final class FixedTypeProvider implements ProbeProvider {
    private final String type;

    public FixedTypeProvider() { this("fixed"); }

    public FixedTypeProvider(String type) { this.type = type; }

    @Override
    public List<String> probeTypes() { return List.of(type); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) { return List.of(new ProbeTarget(probe.raw(), null)); }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.TRACEPOINT; }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) { return () -> {}; }
}
