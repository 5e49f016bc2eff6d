package io.jbpftrace.passes;

import io.jbpftrace.types.Type;
import java.util.List;

/**
 * Everything the compiler learned about one {@code @map}.
 *
 * @param keyTypes   one entry per key expression; empty for {@code @x}
 * @param valueType  type of a plain assigned value (VALUE kind), else the aggregated int type
 * @param lhist      min, max, step for LHIST maps
 * @param bucketArray a key-less histogram kept in a per-CPU array indexed by bucket (see {@link #canUseBucketArray})
 */
public record MapInfo(int id, String name, List<Type> keyTypes, AggKind kind, Type valueType, long[] lhist, boolean bucketArray) {

    public MapInfo(int id, String name, List<Type> keyTypes, AggKind kind, Type valueType, long[] lhist) {
        this(id, name, keyTypes, kind, valueType, lhist, false);
    }

    /**
     * A key-less hist()/lhist() can live in a per-CPU array, one slot per bucket: the lookup never
     * hashes and always finds its slot. Its printing is the hash map's exactly as long as a bucket
     * counts above 0 exactly when the hash map would hold its key: so not when the script zeroes the
     * map (zero() keeps the keys), deletes from it (one CPU's slot could not be cleared from BPF),
     * counts it (len()), or the key limit is below the bucket count (bpftrace would drop buckets).
     */
    public static boolean canUseBucketArray(List<Type> keyTypes, AggKind kind, long[] lhist, boolean zeroedDeletedOrCounted, int maxKeys) {
        if (!keyTypes.isEmpty() || (kind != AggKind.HIST && kind != AggKind.LHIST) || zeroedDeletedOrCounted) return false;
        return maxKeys >= buckets(kind, lhist);
    }

    /** Bucket count of a histogram: hist's 66 (negative, zero, 2^0 .. 2^63), lhist's below, steps, above. */
    public int histBuckets() { return buckets(kind, lhist); }

    private static int buckets(AggKind kind, long[] lhist) {
        return kind == AggKind.HIST ? 66 : (int) ((lhist[1] - lhist[0]) / lhist[2]) + 2;
    }

    /**
     * Bytes of the user key (tuple layout); a key-less map has an 8-byte 0 key, except a histogram,
     * whose key is then only its bucket (shorter keys hash faster).
     */
    public int userKeySize() {
        if (keyTypes.isEmpty()) return histogram() ? 0 : 8;
        return new Type.Tuple(keyTypes).size();
    }

    /** Histogram maps append an 8-byte bucket index to the user key; a bucket array's key is a u32 index. */
    public int keySize() {
        if (bucketArray) return 4;
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
