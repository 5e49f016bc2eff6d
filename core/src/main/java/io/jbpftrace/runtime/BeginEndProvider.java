package io.jbpftrace.runtime;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;

/**
 * BEGIN and END, owned by the core: loaded as raw tracepoint programs that are never attached, but
 * run once by the tracer (BPF_PROG_TEST_RUN) at start and at the end, in jbpftrace's own context.
 */
public final class BeginEndProvider implements ProbeProvider {
    public static final String BEGIN = "BEGIN", END = "END";

    @Override public List<String> probeTypes() { return List.of(BEGIN, END); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        if (!probe.parts().isEmpty()) throw new ProbeException(probe.type() + " probes take no arguments");
        return List.of(new ProbeTarget(probe.type(), probe.type()));
    }

    @Override public ProgType programType(ProbeTarget target) { return ProgType.RAW_TRACEPOINT; }

    @Override public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) { return () -> { }; }
}
