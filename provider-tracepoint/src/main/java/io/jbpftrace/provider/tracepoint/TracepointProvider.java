package io.jbpftrace.provider.tracepoint;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kernel tracepoints: {@code tracepoint:category:name}, wildcards allowed in both parts. */
public final class TracepointProvider implements ProbeProvider {
    public static final String TYPE = "tracepoint";
    public static final List<String> TYPES = List.of(TYPE, "t");

    private final TracefsEvents events = new TracefsEvents();

    @Override
    public List<String> probeTypes() { return TYPES; }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        if (probe.parts().size() != 2) throw new ProbeException(TYPE + " probe type requires 2 arguments");
        String category = probe.part(0), name = probe.part(1);
        List<String> found = events.find(kernel.tracefs(), category, name);
        if (found.isEmpty()) {
            boolean wildcard = Glob.hasWildcard(category) || Glob.hasWildcard(name);
            throw new ProbeException((wildcard ? "tracepoints" : "tracepoint") + " not found: " + category + ":" + name);
        }
        List<ProbeTarget> targets = new ArrayList<>(found.size());
        for (String event : found) {
            int colon = event.indexOf(':');
            TracepointEvent e = events.load(kernel.tracefs(), event.substring(0, colon), event.substring(colon + 1));
            targets.add(new ProbeTarget(e.probeName(), e));
        }
        return targets;
    }

    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        Glob glob = ProbeNames.listGlob(pattern);
        return events.all(kernel.tracefs()).stream().map(e -> TYPE + ":" + e).filter(glob::matches).toList();
    }

    /** The {@code -lv} field lines of a listed tracepoint ({@code tracepoint:category:name}). */
    @Override
    public List<String> describe(String probeName, Kernel kernel) throws ProbeException {
        AttachPoint ap = AttachPoint.parse(probeName);
        return events.format(events.load(kernel.tracefs(), ap.part(0), ap.part(1))).format().describe();
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.TRACEPOINT; }

    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        if (!name.equals("args")) return Optional.empty();
        return Optional.of(Builtin.contextRecord(events.format(target.data(TracepointEvent.class)).args()));
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        // One event opened on CPU 0 runs the program wherever the tracepoint fires.
        long id = target.data(TracepointEvent.class).id();
        return kernel.attachPerfEvent(PerfEventAttr.tracepoint(id), -1, 0, programFd);
    }
}
