package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel functions a wildcard kprobe may match: tracefs' available_filter_functions, without
 * those kprobes refuse (debugfs' kprobes/blacklist) and ftrace's placeholders for dropped addresses.
 */
final class KernelFunctions {
    private static final String INVALID_PREFIX = "__ftrace_invalid_address__";

    private final List<KernelFunction> functions;

    KernelFunctions(List<KernelFunction> functions) { this.functions = functions; }

    /** Reads the lists under tracefs (and the debugfs next to it); one function named twice counts once. */
    static KernelFunctions read(Path tracefs) throws ProbeException {
        Path list = tracefs.resolve("available_filter_functions");
        Set<String> refused = blacklist(tracefs);
        Set<KernelFunction> found = new LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(list)) {
            lines.map(KernelFunction::parse)
                    .filter(f -> f != null && !f.name().startsWith(INVALID_PREFIX) && !refused.contains(f.name()))
                    .forEach(found::add);
        } catch (IOException | RuntimeException e) {
            throw new ProbeException("cannot read " + list + ": " + e.getMessage());
        }
        return new KernelFunctions(List.copyOf(found));
    }

    /** Functions matching a spec's module and function patterns (a spec without module matches any). */
    List<KernelFunction> matching(KprobeSpec spec) {
        Glob name = Glob.of(spec.function());
        Glob module = spec.module() == null ? null : Glob.of(spec.module());
        List<KernelFunction> out = new ArrayList<>();
        for (KernelFunction f : functions) {
            if (!name.matches(f.name())) continue;
            if (module != null && (f.module() == null || !module.matches(f.module()))) continue;
            out.add(f);
        }
        return out;
    }

    List<KernelFunction> all() { return functions; }

    /** Lines like {@code 0xffffffff81000000-0xffffffff81000010\tfunc}; missing or unreadable: none known. */
    private static Set<String> blacklist(Path tracefs) {
        Set<String> names = new HashSet<>();
        for (Path file : List.of(tracefs.resolveSibling("debug").resolve("kprobes/blacklist"),
                tracefs.resolveSibling("kprobes").resolve("blacklist"))) {
            if (!Files.isReadable(file)) continue;
            try (Stream<String> lines = Files.lines(file)) {
                lines.map(l -> l.split("\\s+")).filter(w -> w.length >= 2).forEach(w -> names.add(w[1]));
            } catch (IOException | RuntimeException e) {
                // Without the blacklist, refused functions fail when attached, naming themselves.
            }
        }
        return names;
    }
}
