package io.jbpftrace.launcher;

import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import java.io.PrintStream;
import java.util.List;

/** {@code -l [pattern]}: asks the provider of the pattern's probe type, or every provider. */
final class ProbeLister {
    private final ProviderRegistry registry;
    private final Kernel kernel;

    ProbeLister(ProviderRegistry registry, Kernel kernel) {
        this.registry = registry;
        this.kernel = kernel;
    }

    /** Prints the matching probe names; {@code verbose} ({@code -lv}) adds what each provider knows of their arguments. */
    int list(String pattern, boolean verbose, PrintStream out) throws ProbeException {
        String p = pattern == null || pattern.isEmpty() ? "*" : pattern;
        int colon = p.indexOf(':');
        String type = colon < 0 ? null : p.substring(0, colon);
        List<ProbeProvider> providers = type == null || Glob.hasWildcard(type) ? registry.all()
                : registry.forType(type).map(List::of).orElseThrow(() -> new ProbeException("no provider for probe type " + type));
        StringBuilder sb = new StringBuilder();
        for (ProbeProvider provider : providers) {
            String ownPattern = colon < 0 ? provider.probeTypes().get(0) + ":*" + p + "*" : p;
            for (String name : provider.list(ownPattern, kernel)) {
                sb.append(name).append('\n');
                if (verbose) for (String line : provider.describe(name, kernel)) sb.append(line).append('\n');
            }
        }
        out.print(sb);
        out.flush();
        return 0;
    }
}
