package io.jbpftrace.provider.kprobe;

import io.jbpftrace.btf.Btf;
import io.jbpftrace.spi.Glob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel functions kfunc probes can name: FUNCs of vmlinux' BTF (the program is verified
 * against one), and for wildcards only those ftrace can patch too (tracefs'
 * available_filter_functions, when readable), whose prototype fentry can take.
 */
final class FentryFunctions {
    private static final String INVALID_PREFIX = "__ftrace_invalid_address__";

    private final Btf btf;
    /** Functions of the kernel image ftrace lists, or null when the list cannot be read. */
    private final Set<String> traceable;

    FentryFunctions(Btf btf, Set<String> traceable) {
        this.btf = btf;
        this.traceable = traceable;
    }

    static FentryFunctions of(Btf btf, Path tracefs) { return new FentryFunctions(btf, traceable(tracefs)); }

    /** A function by its exact name, whatever ftrace lists: the kernel's attach names what is wrong. */
    Optional<KfuncTarget> named(String function) {
        var id = btf.functionId(function);
        if (id.isEmpty()) return Optional.empty();
        return Optional.of(new KfuncTarget(function, id.getAsInt(), btf.function(function).orElseThrow()));
    }

    /** Functions matching a glob that fentry can attach to, sorted by name. */
    List<KfuncTarget> matching(String pattern) {
        Glob glob = Glob.of(pattern);
        List<KfuncTarget> out = new ArrayList<>();
        for (String name : btf.functionNames()) {
            if (!glob.matches(name) || (traceable != null && !traceable.contains(name))) continue;
            named(name).filter(t -> FentryContext.attachable(t.proto())).ifPresent(out::add);
        }
        return out;
    }

    /** Module functions ({@code name [mod]}) are left out: only vmlinux' BTF is read. */
    private static Set<String> traceable(Path tracefs) {
        Path list = tracefs.resolve("available_filter_functions");
        if (!Files.isReadable(list)) return null;
        Set<String> names = new HashSet<>();
        try (Stream<String> lines = Files.lines(list)) {
            lines.map(KernelFunction::parse)
                    .filter(f -> f != null && f.module() == null && !f.name().startsWith(INVALID_PREFIX))
                    .forEach(f -> names.add(f.name()));
        } catch (IOException | RuntimeException e) {
            return null; // unreadable after all (e.g. EPERM on open): BTF alone decides
        }
        return names;
    }
}
