package io.jbpftrace.flamegraph;

/** One box of a flame graph: a function name, or a non-stack key part such as a comm or pid. */
public record Frame(String name, Kind kind) {

    /** Where a frame came from; decides its colour. */
    public enum Kind { KEY, USER, KERNEL }

    public Frame {
        // ';' separates frames and a newline ends a line in the folded format
        name = name.isEmpty() ? "[unknown]" : name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }

    public static Frame key(String name) { return new Frame(name, Kind.KEY); }

    public static Frame user(String name) { return new Frame(name, Kind.USER); }

    public static Frame kernel(String name) { return new Frame(name, Kind.KERNEL); }
}
