package io.jbpftrace.passes;

import io.jbpftrace.types.Type;
import java.util.List;

/**
 * Everything the compiler learned about one {@code @map}.
 *
 * @param keyTypes   one entry per key expression; empty for {@code @x}
 * @param valueType  type of a plain assigned value (VALUE kind), else the aggregated int type
 * @param lhist      min, max, step for LHIST maps
 */
public record MapInfo(int id, String name, List<Type> keyTypes, AggKind kind, Type valueType, long[] lhist) {

    /**
     * Bytes of the user key (tuple layout); a key-less map has an 8-byte 0 key, except a histogram,
     * whose key is then only its bucket (shorter keys hash faster).
     */
    public int userKeySize() {
        if (keyTypes.isEmpty()) return histogram() ? 0 : 8;
        return new Type.Tuple(keyTypes).size();
    }

    /** Histogram maps append an 8-byte bucket index to the user key. */
    public int keySize() {
        return userKeySize() + (histogram() ? 8 : 0);
    }

    private boolean histogram() { return kind == AggKind.HIST || kind == AggKind.LHIST; }

    public int valueSize() {
        return switch (kind) {
            case VALUE -> Type.align8(valueType.size());
            case MIN, MAX, AVG, STATS -> 16; // (value, set) or (count, total)
            default -> 8;
        };
    }

    public long lhistBuckets() { return (lhist[1] - lhist[0]) / lhist[2]; }
}
