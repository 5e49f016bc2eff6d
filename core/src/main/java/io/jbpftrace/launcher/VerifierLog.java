package io.jbpftrace.launcher;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a verifier rejection: which instruction it stopped at, the kernel's own reason, and a
 * plain-words hint for the rejections a script can cause.
 */
final class VerifierLog {
    private VerifierLog() {}

    /** How far from the end the hint looks (the reason is near the end, past the last instructions). */
    private static final int TAIL = 12;
    /** "12: (85) call bpf_map_update_elem#2": an instruction the verifier walked. */
    private static final Pattern INSTRUCTION = Pattern.compile("^(\\d+): \\(");
    /** "infinite loop detected at insn 24", "back-edge from insn 21 to 4". */
    private static final Pattern AT_INSN = Pattern.compile("(?:at|from) insn (\\d+)");

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

    /** The meaning of the last line that matches a known rejection, or null. */
    static String hint(List<String> lines) {
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i).toLowerCase(Locale.ROOT);
            for (Hint h : HINTS) if (line.contains(h.fragment())) return h.meaning();
        }
        return null;
    }

    /** The instruction the verifier stopped at: named in the reason, else the last one it printed; -1 if none. */
    static int failingInstruction(String log) {
        List<String> lines = log.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher at = AT_INSN.matcher(lines.get(i));
            if (!INSTRUCTION.matcher(lines.get(i)).find() && at.find()) return Integer.parseInt(at.group(1));
            Matcher insn = INSTRUCTION.matcher(lines.get(i));
            if (insn.find()) return Integer.parseInt(insn.group(1));
        }
        return -1;
    }

    /** The kernel's reason: the last line that is not an instruction, a register state or a summary; null if none. */
    static String reason(String log) {
        List<String> lines = log.lines().map(String::strip).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.isEmpty() || INSTRUCTION.matcher(line).find() || line.startsWith("processed ") || line.startsWith(";")
                    || line.startsWith("verification time") || line.startsWith("stack depth") || line.startsWith("cur state")
                    || line.startsWith("old state")) continue;
            return line;
        }
        return null;
    }
}
