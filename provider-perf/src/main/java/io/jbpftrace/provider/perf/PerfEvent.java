package io.jbpftrace.provider.perf;

/**
 * One event of a perf event family, as bpftrace names it.
 *
 * @param name         the name {@code -l} shows ({@code page-faults})
 * @param alias        perf's short name ({@code faults}), or "" when there is none
 * @param config       PERF_COUNT_SW_* or PERF_COUNT_HW_*
 * @param defaultCount the sample period when the probe gives no count
 */
public record PerfEvent(String name, String alias, long config, long defaultCount) {

    /** Whether the probe may name this event as {@code word}. */
    boolean isNamed(String word) { return name.equals(word) || (!alias.isEmpty() && alias.equals(word)); }
}
