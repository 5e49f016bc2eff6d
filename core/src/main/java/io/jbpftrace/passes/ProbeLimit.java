package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Expr;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bpftrace's cap on attached probes ({@code max_probes}, 512 unless {@code BPFTRACE_MAX_PROBES} or
 * the config block raises it): each probe costs a program, maps' references and often a perf event
 * fd, so a script with thousands of probes is refused before anything is loaded. The error points
 * at the first probe over the limit.
 */
final class ProbeLimit {
    static final long DEFAULT = 512;
    static final String VARIABLE = "BPFTRACE_MAX_PROBES";

    private ProbeLimit() {}

    static void check(CompileContext ctx, List<ProbeInstance> instances, Map<String, String> env) {
        long limit = limit(ctx, env);
        if (instances.size() <= limit) return;
        ProbeInstance first = instances.get((int) limit);
        throw ctx.error(first.attachPoint(), "Can't attach to " + instances.size() + " probes because it exceeds the current limit of "
                + limit + " probes (" + VARIABLE + " raises it, but many probes can slow the system down)");
    }

    private static long limit(CompileContext ctx, Map<String, String> env) {
        String fromEnv = env.get(VARIABLE);
        if (fromEnv != null) {
            try {
                long n = Long.parseLong(fromEnv.strip());
                if (n > 0) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ScriptConfig.EnvironmentError("Env var '" + VARIABLE + "' did not contain a valid uint64_t, or was zero-valued.");
        }
        for (Map.Entry<String, Expr> e : ctx.program().config().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT).replaceFirst("^bpftrace_", "");
            if (key.equals("max_probes") && e.getValue() instanceof Expr.IntLit n) return n.value();
        }
        return DEFAULT;
    }
}
