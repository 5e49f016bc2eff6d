package io.jbpftrace.spi;

import java.util.List;

/**
 * A probe as written in the script, split at ':' after the type:
 * {@code tracepoint:sched:sched*} has type {@code tracepoint} and parts {@code [sched, sched*]}.
 */
public record AttachPoint(String type, List<String> parts, String raw) {

    public static AttachPoint parse(String raw) {
        String[] split = raw.split(":", -1);
        return new AttachPoint(split[0], List.of(split).subList(1, split.length), raw);
    }

    public String part(int i) { return i < parts.size() ? parts.get(i) : ""; }
}
