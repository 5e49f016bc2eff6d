package io.jbpftrace.codegen;

/**
 * First u64 of every ring buffer record: what userspace must do with it (low 8 bits) and an id
 * (printf site, map id, helper site) above them, so one 32-bit immediate store writes the whole
 * header. Arguments follow, each 8-byte aligned.
 */
public final class EventKind {
    private EventKind() {}

    public static final long PRINTF = 1, EXIT = 2, PRINT = 3, CLEAR = 4, ZERO = 5, SYSTEM = 6, CAT = 7, TIME = 8, PRINT_VALUE = 9,
            JOIN_ARG = 10, JOIN_END = 11, HELPER_ERROR = 12;
    public static final int HEADER = 8;
    /** Offsets in the value of the lost-events map: the count, then exit()'s flag and code. */
    public static final int LOST_COUNT = 0, EXIT_FLAG = 8, EXIT_CODE = 16, LOST_VALUE_SIZE = 24;
    private static final int KIND_BITS = 8, MAX_ID = (1 << (31 - KIND_BITS)) - 1;

    /** The header word, small enough for a sign-extended 32-bit store immediate. */
    static int header(long kind, int id) {
        if (id < 0 || id > MAX_ID) throw new IllegalStateException("output id " + id + " out of range");
        return (int) kind | id << KIND_BITS;
    }

    public static long kind(long header) { return header & ((1 << KIND_BITS) - 1); }

    public static int id(long header) { return (int) (header >>> KIND_BITS); }
}
