package io.jbpftrace.provider.tracepoint;

import java.nio.file.Path;

/**
 * A concrete tracepoint: what {@link io.jbpftrace.spi.ProbeTarget#data()} holds for this provider.
 * Its format is parsed only when a script reads {@code args} (see {@link TracefsEvents#format}).
 *
 * @param id  the event id from tracefs, the perf event config
 * @param dir the event's tracefs directory, holding {@code format}
 */
public record TracepointEvent(String category, String name, long id, Path dir) {

    /** Canonical probe name, the value of the {@code probe} builtin. */
    public String probeName() { return TracepointProvider.TYPE + ":" + category + ":" + name; }

    /** Syscall tracepoint arguments are the raw registers: their pointers point to user memory. */
    boolean hasUserPointers() { return category.equals("syscalls"); }

    /** The struct name bpftrace gives the record, shown in type errors. */
    String structName() { return "struct _tracepoint_" + category + "_" + name; }
}
