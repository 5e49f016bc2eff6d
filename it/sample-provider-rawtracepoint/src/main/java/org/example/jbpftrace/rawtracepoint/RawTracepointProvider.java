package org.example.jbpftrace.rawtracepoint;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rawtracepoint:NAME} ({@code rt:}): a kernel tracepoint without the perf layer. The program
 * sees the tracepoint's raw arguments as {@code u64 args[]}, read by the builtins {@code arg0..arg11};
 * wildcards in NAME expand over the tracepoints tracefs knows.
 */
public final class RawTracepointProvider implements ProbeProvider {
    public static final String TYPE = "rawtracepoint";
    /** MAX_BPF_FUNC_ARGS: the verifier lets a raw tracepoint program read this many context words. */
    static final int MAX_ARGS = 12;
    private static final Pattern ARG = Pattern.compile("arg(\\d+)");

    private final TracepointNames names = new TracepointNames();

    @Override
    public List<String> probeTypes() { return List.of(TYPE, "rt"); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        if (probe.parts().size() != 1 || probe.part(0).isEmpty()) {
            throw new ProbeException(TYPE + " probe type requires 1 argument: " + TYPE + ":NAME");
        }
        String name = probe.part(0);
        List<String> found = Glob.hasWildcard(name) ? names.matching(kernel.tracefs(), Glob.of(name)) : List.of(name);
        if (found.isEmpty()) throw new ProbeException("raw tracepoints not found: " + name);
        List<ProbeTarget> targets = new ArrayList<>();
        for (String n : found) targets.add(new ProbeTarget(TYPE + ":" + n, n));
        return targets;
    }

    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        Glob glob = Glob.of(pattern == null || pattern.isEmpty() ? "*" : pattern);
        return names.matching(kernel.tracefs(), Glob.of("*")).stream()
                .map(n -> TYPE + ":" + n).filter(glob::matches).toList();
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.RAW_TRACEPOINT; }

    /** {@code argN}: the N-th u64 of the context, a plain load the verifier accepts for N below 12. */
    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        Matcher m = ARG.matcher(name);
        if (!m.matches()) return Optional.empty();
        int index = Integer.parseInt(m.group(1));
        if (index >= MAX_ARGS) throw new ProbeException(TYPE + " probes have at most " + MAX_ARGS + " arguments (arg0..arg11)");
        return Optional.of(new Builtin(Type.Int.U64, (asm, ctx, dst) -> asm.load(8, dst, ctx, 8 * index)));
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        return kernel.attachRawTracepoint(target.data(String.class), programFd);
    }
}
