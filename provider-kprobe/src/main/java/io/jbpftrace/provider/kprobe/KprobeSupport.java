package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this kernel can take kprobes the way jbpftrace places them (through the kprobe PMU), and
 * when not, one error that names the cause and a tracepoint to use instead.
 */
final class KprobeSupport {
    static final Path PMU = Path.of("/sys/bus/event_source/devices/kprobe");

    private final Path pmu;
    private final TracepointSuggestions suggestions;

    KprobeSupport(Path pmu, TracepointSuggestions suggestions) {
        this.pmu = pmu;
        this.suggestions = suggestions;
    }

    boolean available() { return Files.isDirectory(pmu); }

    /**
     * Probes that see {@code function}'s calls (returns) here, for a probe type this kernel refuses:
     * the kprobe (kretprobe) when kprobes work, else tracepoints of the same event.
     */
    List<String> alternatives(String function, boolean retprobe, Kernel kernel) {
        if (available()) return List.of((retprobe ? "kretprobe:" : "kprobe:") + function);
        return suggestions.forFunction(function, retprobe, kernel.tracefs());
    }

    /** Throws unless kprobes work here; {@code probe} is the probe's canonical name, for the message. */
    void require(String probe, KprobeSpec spec, boolean retprobe, Kernel kernel) throws ProbeException {
        if (available()) return;
        Path tracefs = kernel.tracefs();
        // tracefs' kprobe_events without the PMU: kprobes exist, but only the older text interface (before 4.17).
        String cause = Files.exists(tracefs.resolve("kprobe_events"))
                ? "this kernel has no kprobe PMU (" + pmu + " is missing; it came with Linux 4.17)"
                : "this kernel has no kprobes (CONFIG_KPROBES is not set: " + pmu + " is missing)";
        List<String> instead = spec.wildcard() ? List.of() : suggestions.forFunction(spec.function(), retprobe, tracefs);
        throw new ProbeException(probe + ": " + cause + (instead.isEmpty() ? "" : "; try " + String.join(" or ", instead) + " instead"));
    }
}
