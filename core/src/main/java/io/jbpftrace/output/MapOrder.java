package io.jbpftrace.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
        List<MapEntry> list = new ArrayList<>(entries);
        if (!list.isEmpty()) list.sort(comparatorFor(list.get(0).value()));
        if (top > 0 && list.size() > top) return list.subList(list.size() - top, list.size());
        return list;
    }

    private static Comparator<MapEntry> comparatorFor(MapValue sample) {
        if (sample instanceof MapValue.Int i) {
            Comparator<MapEntry> byValue = i.signed()
                    ? Comparator.comparingLong(e -> ((MapValue.Int) e.value()).value())
                    : (a, b) -> Long.compareUnsigned(((MapValue.Int) a.value()).value(), ((MapValue.Int) b.value()).value());
            return byValue.thenComparing(MapOrder::compareKeyBytes);
        }
        if (sample instanceof MapValue.Avg || sample instanceof MapValue.Stats) {
            return Comparator.comparingLong((MapEntry e) -> average(e.value())).thenComparing(MapOrder::compareKeyBytes);
        }
        if (sample instanceof MapValue.Hist || sample instanceof MapValue.LHist) {
            Comparator<MapEntry> byTotal = (a, b) -> Long.compareUnsigned(total(a.value()), total(b.value()));
            return byTotal.thenComparing(MapOrder::compareKeyBytes);
        }
        return MapOrder::compareKeys;
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
