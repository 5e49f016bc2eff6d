package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.PerfEventAttr;
import java.util.List;
import java.util.Optional;

/**
 * The software and hardware event families: their probe types, perf type and events, with the
 * names, aliases and default counts bpftrace uses (configs from linux/perf_event.h).
 */
public enum EventFamily {
    SOFTWARE("software", "s", PerfEventAttr.TYPE_SOFTWARE, List.of(
            new PerfEvent("alignment-faults", "", 7, 1),
            new PerfEvent("bpf-output", "", 10, 1),
            new PerfEvent("context-switches", "cs", 3, 1000),
            new PerfEvent("cpu-clock", "cpu", 0, 1_000_000),
            new PerfEvent("cpu-migrations", "", 4, 1),
            new PerfEvent("dummy", "", 9, 1),
            new PerfEvent("emulation-faults", "", 8, 1),
            new PerfEvent("major-faults", "", 6, 1),
            new PerfEvent("minor-faults", "", 5, 100),
            new PerfEvent("page-faults", "faults", 2, 100),
            new PerfEvent("task-clock", "", 1, 1))),
    HARDWARE("hardware", "h", PerfEventAttr.TYPE_HARDWARE, List.of(
            new PerfEvent("backend-stalls", "", 8, 1_000_000),
            new PerfEvent("branch-instructions", "branches", 4, 100_000),
            new PerfEvent("branch-misses", "", 5, 100_000),
            new PerfEvent("bus-cycles", "", 6, 100_000),
            new PerfEvent("cache-misses", "", 3, 1_000_000),
            new PerfEvent("cache-references", "", 2, 1_000_000),
            new PerfEvent("cpu-cycles", "cycles", 0, 1_000_000),
            new PerfEvent("frontend-stalls", "", 7, 1_000_000),
            new PerfEvent("instructions", "", 1, 1_000_000),
            new PerfEvent("ref-cycles", "", 9, 1_000_000)));

    /** Canonical probe type, e.g. {@code software}. */
    public final String type;
    /** One-letter alias, e.g. {@code s}. */
    public final String alias;
    /** PERF_TYPE_SOFTWARE or PERF_TYPE_HARDWARE. */
    public final int perfType;
    /** Sorted by name, the order of {@code -l}. */
    public final List<PerfEvent> events;

    EventFamily(String type, String alias, int perfType, List<PerfEvent> events) {
        this.type = type;
        this.alias = alias;
        this.perfType = perfType;
        this.events = events;
    }

    Optional<PerfEvent> event(String word) { return events.stream().filter(e -> e.isNamed(word)).findFirst(); }

    boolean ownsType(String word) { return type.equals(word) || alias.equals(word); }
}
