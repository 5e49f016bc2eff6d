package io.jbpftrace.launcher;

import java.util.List;

/** Makes a verifier rejection readable: the last lines of the log carry the reason. */
final class VerifierLog {
    private VerifierLog() {}

    private static final int TAIL = 12;

    static String explain(String log) {
        if (log == null || log.isBlank()) return "(the kernel gave no verifier log)";
        List<String> lines = log.lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
        return "verifier log (last " + tail.size() + " of " + lines.size() + " lines; run with -d for all):\n  "
                + String.join("\n  ", tail);
    }
}
