package io.jbpftrace.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which bpftrace 0.17 prints map elements, and print()'s "top" cut.
 *
 * <ul>
 *   <li>integer values (count/sum/min/max/int): ascending by value; ties by the raw key bytes (bpftrace
 *       keeps the kernel's hash order there, which a random per-map seed makes differ run to run);
 *   <li>string and tuple values: by key, element by element (ints as unsigned 64-bit, strings by bytes);
 *   <li>avg/stats: ascending by average, hist/lhist: ascending by total count; ties by the raw
 *       key bytes (bpftrace keeps these in a byte-ordered map first), so int keys tie-break on
 *       their little-endian bytes: 256 comes before 1.
 * </ul>
 */
final class MapOrder {
    private MapOrder() {}

    /** Sorted entries, keeping only the last {@code top} when top > 0. */
    static List<MapEntry> sorted(List<MapEntry> entries, int top) {
        List<MapEntry> list = entries.isEmpty() || !sortsByValue(entries.get(0).value()) ? byKey(entries) : byValue(entries);
        if (top > 0 && list.size() > top) return list.subList(list.size() - top, list.size());
        return list;
    }

    private static boolean sortsByValue(MapValue sample) {
        return !(sample instanceof MapValue.Str || sample instanceof MapValue.Tuple);
    }

    private static List<MapEntry> byKey(List<MapEntry> entries) {
        List<MapEntry> list = new ArrayList<>(entries);
        list.sort(MapOrder::compareKeys);
        return list;
    }

    /**
     * An entry with what it sorts by worked out once: its value as a signed long, and for keys of
     * integers only, their little-endian images as unsigned longs (null otherwise). Maps of 100k
     * keys compare about 2M times, mostly on ties.
     */
    private record Keyed(long value, long[] intKey, MapEntry entry) {}

    private static List<MapEntry> byValue(List<MapEntry> entries) {
        MapValue sample = entries.get(0).value();
        boolean intKeys = true;
        for (int i = 0; i < entries.size() && intKeys; i++) intKeys = allInts(entries.get(i).key());
        Keyed[] keyed = new Keyed[entries.size()];
        for (int i = 0; i < keyed.length; i++) keyed[i] = keyed(sample, entries.get(i), intKeys);
        Arrays.sort(keyed, intKeys ? MapOrder::compareIntKeyed : MapOrder::compareKeyed);
        return new java.util.AbstractList<>() { // a view: no loop to copy them out
            @Override public MapEntry get(int index) { return keyed[index].entry(); }

            @Override public int size() { return keyed.length; }
        };
    }

    private static Keyed keyed(MapValue sample, MapEntry e, boolean intKeys) {
        return new Keyed(sortValue(sample, e.value()), intKeys ? intKeyImage(e.key()) : null, e);
    }

    /** ints and hist totals compare by value (unsigned unless signed ints: flipping the top bit orders those), avg/stats by average. */
    private static long sortValue(MapValue sample, MapValue v) {
        if (sample instanceof MapValue.Int i) return ((MapValue.Int) v).value() ^ (i.signed() ? 0 : Long.MIN_VALUE);
        if (sample instanceof MapValue.Avg || sample instanceof MapValue.Stats) return average(v);
        return total(v) ^ Long.MIN_VALUE;
    }

    private static boolean allInts(List<Object> key) {
        for (int i = 0; i < key.size(); i++) if (!isInt(key.get(i))) return false;
        return true;
    }

    /** An int's little-endian image compares like its byte-reversed value, unsigned. */
    private static long[] intKeyImage(List<Object> key) {
        long[] image = new long[key.size()];
        for (int i = 0; i < image.length; i++) image[i] = Long.reverseBytes(bits(key.get(i)));
        return image;
    }

    private static int compareIntKeyed(Keyed a, Keyed b) {
        int c = Long.compare(a.value(), b.value());
        if (c != 0) return c;
        long[] x = a.intKey(), y = b.intKey();
        if (x.length == 1 && y.length == 1) return Long.compareUnsigned(x[0], y[0]); // most keys: one int
        return Arrays.compareUnsigned(x, y);
    }

    private static int compareKeyed(Keyed a, Keyed b) {
        int c = Long.compare(a.value(), b.value());
        return c != 0 ? c : compareKeyBytes(a.entry(), b.entry());
    }

    private static long average(MapValue v) {
        return v instanceof MapValue.Avg a ? a.average() : ((MapValue.Stats) v).average();
    }

    private static long total(MapValue v) {
        long[] buckets = v instanceof MapValue.Hist h ? h.buckets() : ((MapValue.LHist) v).buckets();
        long sum = 0;
        for (long b : buckets) sum += b;
        return sum;
    }

    /** bpftrace's sort_by_key: ints compare unsigned, strings by bytes, other kinds stay unsorted. */
    private static int compareKeys(MapEntry a, MapEntry b) {
        int n = Math.min(a.key().size(), b.key().size());
        for (int i = 0; i < n; i++) {
            Object x = a.key().get(i);
            Object y = b.key().get(i);
            int c = 0;
            if (isInt(x) && isInt(y)) c = Long.compareUnsigned(bits(x), bits(y));
            else if (x instanceof String s && y instanceof String t) c = compareBytes(utf8(s), utf8(t));
            if (c != 0) return c;
        }
        return 0;
    }

    /** Lexicographic order of the keys' memory images: 8-byte little-endian ints, NUL-padded strings. */
    private static int compareKeyBytes(MapEntry a, MapEntry b) {
        int n = Math.min(a.key().size(), b.key().size());
        for (int i = 0; i < n; i++) {
            Object x = a.key().get(i);
            Object y = b.key().get(i);
            // An int's little-endian image compares like its byte-reversed value, unsigned: no arrays
            // to allocate in a sort that ties on every value (100k keys counted once each).
            int c = isInt(x) && isInt(y) ? Long.compareUnsigned(Long.reverseBytes(bits(x)), Long.reverseBytes(bits(y)))
                    : compareBytes(image(x), image(y));
            if (c != 0) return c;
        }
        return Integer.compare(a.key().size(), b.key().size());
    }

    private static byte[] image(Object element) {
        if (isInt(element)) {
            long v = bits(element);
            byte[] out = new byte[8];
            for (int i = 0; i < 8; i++) out[i] = (byte) (v >>> (8 * i));
            return out;
        }
        return utf8(String.valueOf(element));
    }

    private static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof UnsignedKey;
    }

    private static long bits(Object o) {
        return o instanceof UnsignedKey u ? u.value() : ((Number) o).longValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Unsigned byte compare; a proper prefix sorts first, as NUL padding would. */
    private static int compareBytes(byte[] x, byte[] y) {
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
