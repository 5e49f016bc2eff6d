package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.AttachPointNode;
import io.jbpftrace.lang.ast.Probe;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.MissingTargetException;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pass 1: asks each probe's provider to turn attach points (with wildcards) into concrete targets. */
public final class ProbeExpansionPass {
    private final ProviderRegistry registry;
    private final Kernel kernel;
    private final List<CompileError> skipped = new ArrayList<>();
    private CompileError firstMissing;

    public ProbeExpansionPass(ProviderRegistry registry, Kernel kernel) {
        this.registry = registry;
        this.kernel = kernel;
    }

    public List<ProbeInstance> run(CompileContext ctx) {
        List<ProbeInstance> out = new ArrayList<>();
        Set<String> seenSpecial = new HashSet<>();
        for (Probe probe : ctx.program().probes()) {
            for (AttachPointNode node : probe.attachPoints()) {
                AttachPoint ap = AttachPoint.parse(withParams(node.raw(), ctx.positionalParams()));
                ProbeProvider provider = registry.forType(ap.type()).orElseThrow(() -> ctx.error(node, node.raw().length(),
                        "no provider for probe type " + ap.type() + " (is its bundle installed?)"));
                if (ap.type().equals("BEGIN") || ap.type().equals("END")) {
                    if (!seenSpecial.add(ap.type())) {
                        throw ctx.error(ctx.spans().attachPoint(node, node.raw().length()), "More than one " + ap.type() + " probe defined");
                    }
                }
                try {
                    for (ProbeTarget target : provider.expand(ap, kernel)) {
                        out.add(new ProbeInstance(out.size(), probe, node, target, provider));
                    }
                } catch (MissingTargetException e) {
                    if (firstMissing == null) firstMissing = ctx.error(node, node.raw().length(), e.getMessage());
                    skipped.add(ctx.error(node, node.raw().length(), e.getMessage() + ", skipping"));
                } catch (ProbeException e) {
                    throw ctx.error(node, node.raw().length(), e.getMessage());
                }
            }
        }
        if (out.isEmpty() && firstMissing != null) throw firstMissing;
        return out;
    }

    private static final Pattern WHOLE_FIELD_PARAM = Pattern.compile("(?<=^|:)\\$(\\d+)(?=:|$)");

    /**
     * bpftrace lets a positional parameter stand for a whole attach point field ({@code usdt:$1:hotspot:gc__begin});
     * one not given is empty, as in expressions.
     */
    static String withParams(String raw, List<String> params) {
        return WHOLE_FIELD_PARAM.matcher(raw).replaceAll(m -> {
            int n = Integer.parseInt(m.group(1));
            return Matcher.quoteReplacement(n >= 1 && n <= params.size() ? params.get(n - 1) : "");
        });
    }

    /** Probes left out because their target does not exist: warnings, once the rest compiled. */
    public List<CompileError> skipped() { return List.copyOf(skipped); }
}
