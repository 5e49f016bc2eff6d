package io.jbpftrace.output;

/** The non-map lines of {@code bpftrace -f json}, each a complete line with its newline. */
public final class JsonOutput {
    private JsonOutput() {}

    public static String attachedProbes(long n) {
        return counter("attached_probes", "probes", n);
    }

    public static String lostEvents(long n) {
        return counter("lost_events", "events", n);
    }

    /** printf output, one JSON line per printf call whatever newlines the text holds. */
    public static String printf(String text) {
        return message("printf", text);
    }

    public static String time(String text) {
        return message("time", text);
    }

    /** A text message of the given type ("printf", "time", "cat", "join", "syscall"). */
    public static String message(String type, String text) {
        return "{\"type\": \"" + type + "\", \"data\": " + JsonText.quote(text) + "}\n";
    }

    private static String counter(String type, String field, long n) {
        return "{\"type\": \"" + type + "\", \"data\": {\"" + field + "\": " + n + "}}\n";
    }
}
