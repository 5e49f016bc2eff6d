package io.jbpftrace.flamegraph;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stackcollapse format flamegraph.pl reads: one line per distinct stack, frames root first
 * joined by ';', a space and the weight; lines sorted so the output is stable.
 */
public final class FoldedFormat {
    private FoldedFormat() {}

    public static String render(StackProfile profile) {
        // stacks equal by name but not by kind (a comm named like a function) merge here, as they would in flamegraph.pl
        Map<String, Long> lines = new TreeMap<>();
        for (Map.Entry<List<Frame>, Long> e : profile.stacks().entrySet()) {
            lines.merge(line(e.getKey()), e.getValue(), Long::sum);
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((stack, value) -> out.append(stack).append(' ').append(value).append('\n'));
        return out.toString();
    }

    private static String line(List<Frame> frames) {
        if (frames.isEmpty()) return "[unknown]";
        return frames.stream().map(Frame::name).collect(Collectors.joining(";"));
    }
}
