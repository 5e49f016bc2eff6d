package io.jbpftrace.passes;

import java.util.Map;
import java.util.Optional;

/**
 * bpftrace 0.17's wording when a probe-specific builtin ({@code argN}, {@code sargN}, {@code retval},
 * {@code args}, {@code func}) is used in a probe whose provider does not serve it.
 */
final class BuiltinAvailability {
    private BuiltinAvailability() {}

    private static final Map<String, String> FULL_NAMES = Map.ofEntries(
            Map.entry("k", "kprobe"), Map.entry("kr", "kretprobe"), Map.entry("u", "uprobe"), Map.entry("ur", "uretprobe"),
            Map.entry("t", "tracepoint"), Map.entry("p", "profile"), Map.entry("i", "interval"), Map.entry("s", "software"),
            Map.entry("h", "hardware"), Map.entry("U", "usdt"), Map.entry("f", "kfunc"), Map.entry("fr", "kretfunc"));

    /** The message for {@code name} in a probe of type {@code probeType} (as written), if it is probe-specific. */
    static Optional<String> unavailable(String name, String probeType) {
        String type = FULL_NAMES.getOrDefault(probeType, probeType);
        if (name.matches("arg\\d+")) {
            return Optional.of("The " + name + " builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes");
        }
        if (name.matches("sarg\\d+")) return Optional.of("The " + name + " builtin can only be used with 'kprobes' and 'uprobes' probes");
        if (name.equals("retval")) {
            return Optional.of("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes"
                    + (type.equals("tracepoint") ? " (try to use args->ret instead)" : ""));
        }
        if (name.equals("args")) {
            String shown = type.equals("BEGIN") || type.equals("END") ? "special" : type;
            return Optional.of("The args builtin can only be used with tracepoint/kfunc/uprobeprobes (" + shown + " used here)");
        }
        if (name.equals("func")) return Optional.of("The func builtin can not be used with '" + type + "' probes");
        return Optional.empty();
    }
}
