package io.jbpftrace.btf;

/** The kind numbers of include/uapi/linux/btf.h and the size of the data each one carries. */
final class BtfKind {
    static final int UNKNOWN = 0, INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6,
            FWD = 7, TYPEDEF = 8, VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12,
            FUNC_PROTO = 13, VAR = 14, DATASEC = 15, FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18,
            ENUM64 = 19;

    /** Highest kind this class knows the layout of; later kinds need the header's layout section. */
    static final int LAST_KNOWN = ENUM64;

    private BtfKind() {}

    /** Bytes following the 12-byte common header of a type of a known kind, or -1 if unknown. */
    static int extraBytes(int kind, int vlen) {
        return switch (kind) {
            case INT, VAR, DECL_TAG -> 4;
            case PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG -> 0;
            case ARRAY -> 12;
            case STRUCT, UNION, DATASEC, ENUM64 -> 12 * vlen;
            case ENUM, FUNC_PROTO -> 8 * vlen;
            default -> -1;
        };
    }

    /** Kinds that only qualify or rename another type: resolving looks through them. */
    static boolean isModifier(int kind) {
        return kind == TYPEDEF || kind == CONST || kind == VOLATILE || kind == RESTRICT || kind == TYPE_TAG;
    }
}
