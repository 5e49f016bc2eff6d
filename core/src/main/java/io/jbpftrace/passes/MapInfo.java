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

    /** Bytes of the user key (tuple layout), 8 for a key-less map. */
    public int userKeySize() {
        return keyTypes.isEmpty() ? 8 : new Type.Tuple(keyTypes).size();
    }

    /** Histogram maps append an 8-byte bucket index to the user key. */
    public int keySize() {
        return userKeySize() + (kind == AggKind.HIST || kind == AggKind.LHIST ? 8 : 0);
    }

    public int valueSize() {
        return switch (kind) {
            case VALUE -> Type.align8(valueType.size());
            case MIN, MAX, AVG, STATS -> 16; // (value, set) or (count, total)
            default -> 8;
        };
    }

    public long lhistBuckets() { return (lhist[1] - lhist[0]) / lhist[2]; }
}
