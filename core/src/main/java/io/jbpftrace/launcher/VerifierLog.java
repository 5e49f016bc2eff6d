package io.jbpftrace.launcher;

import java.util.List;
import java.util.Locale;

/**
 * Makes a verifier rejection readable: a plain-words reason for the rejections a script can cause,
 * then the last lines of the log, which carry the kernel's own reason.
 */
final class VerifierLog {
    private VerifierLog() {}

    private static final int TAIL = 12;

    /** A fragment of the verifier's final lines, and what it means for the script's author. */
    private record Hint(String fragment, String meaning) {}

    private static final List<Hint> HINTS = List.of(
            new Hint("program is too large", "the probe has more paths or loop iterations than the verifier checks"
                    + " (1 million instructions): lower the while/unroll bounds, or split the work across probes"),
            new Hint("too complex", "the probe has more branches than the verifier tracks: fewer conditions or"
                    + " iterations in one probe, or split the work across probes"),
            new Hint("infinite loop detected", "a while loop the verifier cannot prove ends: make its condition"
                    + " depend on a counter that changes on every iteration"),
            new Hint("back-edge", "a loop the verifier cannot prove ends: bound it with a counter"),
            new Hint("stack limit", "the probe needs more than 512 bytes of BPF stack: use fewer or shorter strings"
                    + " and tuples in one probe (BPFTRACE_STRLEN lowers the string size)"),
            new Hint("combined stack size", "the probe needs more than 512 bytes of BPF stack: use fewer or shorter"
                    + " strings and tuples in one probe"),
            new Hint("unknown func", "the probe calls a kernel helper this kernel or probe type does not offer"),
            new Hint("cannot call", "the probe calls a kernel helper this probe type may not use"),
            new Hint("not allowed", "the probe uses a feature this kernel allows only for other probe types"));

    static String explain(String log) {
        if (log == null || log.isBlank()) return "(the kernel gave no verifier log)";
        List<String> lines = log.lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
        String text = "verifier log (last " + tail.size() + " of " + lines.size() + " lines; run with -d for all):\n  "
                + String.join("\n  ", tail);
        String hint = hint(tail);
        return hint == null ? text : "HINT: " + hint + "\n" + text;
    }

    /** The meaning of the last line that matches a known rejection, or null. */
    static String hint(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).toLowerCase(Locale.ROOT);
            for (Hint h : HINTS) if (line.contains(h.fragment())) return h.meaning();
        }
        return null;
    }
}
