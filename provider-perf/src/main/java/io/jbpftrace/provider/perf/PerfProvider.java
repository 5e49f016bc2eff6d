package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.PerfEventGroup;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;

/**
 * What software and hardware probes share: one named perf event, sampled every COUNT occurrences,
 * opened on every online CPU for all processes. Like bpftrace, -p does not narrow the event; a
 * predicate on {@code pid} does.
 */
abstract class PerfProvider implements ProbeProvider {
    private final EventFamily family;

    PerfProvider(EventFamily family) { this.family = family; }

    @Override
    public List<String> probeTypes() { return List.of(family.type, family.alias); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        PerfSpec spec = PerfSpec.parse(family, probe);
        return List.of(new ProbeTarget(spec.probeName(), spec));
    }

    /**
     * {@code software:EVENT:} per matching event, sorted, as bpftrace lists them. With our own type
     * first, the glob applies to the event name only ({@code s:cpu*}); otherwise to the full name.
     */
    @Override
    public List<String> list(String pattern, Kernel kernel) {
        String p = pattern == null || pattern.isEmpty() ? "*" : pattern;
        int colon = p.indexOf(':');
        boolean ours = colon > 0 && family.ownsType(p.substring(0, colon));
        Glob glob = Glob.of(ours ? eventPart(p.substring(colon + 1)) : p);
        return family.events.stream()
                .filter(e -> ours ? glob.matches(e.name()) : glob.matches(family.type + ":" + e.name() + ":"))
                .map(e -> family.type + ":" + e.name() + ":")
                .toList();
    }

    /** {@code cpu*:100} → {@code cpu*}: the count takes no part in listing. */
    private static String eventPart(String rest) {
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.PERF_EVENT; }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        PerfSpec spec = target.data(PerfSpec.class);
        return PerfEventGroup.attach(kernel, spec.perfEventAttr(), kernel.onlineCpus(), programFd);
    }
}
