package io.jbpftrace.codegen;

/**
 * First u64 of every ring buffer record: what userspace must do with it. The second u64 is an id
 * (printf format, map id, exit code); arguments follow, each 8-byte aligned.
 */
public final class EventKind {
    private EventKind() {}

    public static final long PRINTF = 1, EXIT = 2, PRINT = 3, CLEAR = 4, ZERO = 5, SYSTEM = 6, CAT = 7, TIME = 8, PRINT_VALUE = 9,
            JOIN_ARG = 10, JOIN_END = 11, HELPER_ERROR = 12;
    public static final int HEADER = 16;
}
