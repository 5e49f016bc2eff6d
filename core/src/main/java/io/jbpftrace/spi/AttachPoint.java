package io.jbpftrace.spi;

import java.util.List;

/**
 * A probe as written in the script, split at ':' after the type:
 * {@code tracepoint:sched:sched*} has type {@code tracepoint} and parts {@code [sched, sched*]}.
 */
public record AttachPoint(String type, List<String> parts, String raw) {

    public static AttachPoint parse(String raw) {
        List<String> split = split(raw);
        return new AttachPoint(split.get(0), split.subList(1, split.size()), raw);
    }

    /**
     * At each colon outside double quotes; the quotes go, so a path with spaces, colons or shell
     * characters can be written {@code uprobe:"/opt/my app/bin":main} as in bpftrace.
     */
    private static List<String> split(String raw) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : raw.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return List.copyOf(parts);
    }

    public String part(int i) { return i < parts.size() ? parts.get(i) : ""; }
}
