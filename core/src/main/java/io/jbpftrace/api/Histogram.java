package io.jbpftrace.api;

import io.jbpftrace.output.MapValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A friendlier view of a {@code hist()} or {@code lhist()} map value: the non-empty buckets in
 * ascending order, each with its inclusive value range. Open-ended buckets use
 * {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE}; hist() values of 2^63 and above (unsigned) fall
 * into the last bucket, reported as starting at {@link Long#MAX_VALUE}.
 */
public record Histogram(List<Bucket> buckets) {

    /** Values {@code min <= v <= max} were seen {@code count} times. */
    public record Bucket(long min, long max, long count) {}

    public Histogram { buckets = List.copyOf(buckets); }

    /** The view of a {@link MapValue.Hist} or {@link MapValue.LHist}; other values are not histograms. */
    public static Histogram of(MapValue value) {
        if (value instanceof MapValue.Hist h) return log2(h.buckets());
        if (value instanceof MapValue.LHist h) return linear(h);
        throw new IllegalArgumentException("not a histogram: " + value);
    }

    /** Sum of every bucket's count. */
    public long count() { return buckets.stream().mapToLong(Bucket::count).sum(); }

    /** Index 0 holds negatives, 1 zero, k >= 2 the values in [2^(k-2), 2^(k-1)). */
    private static Histogram log2(long[] counts) {
        List<Bucket> out = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) continue;
            long min, max;
            if (k == 0) { min = Long.MIN_VALUE; max = -1; }
            else if (k == 1) { min = 0; max = 0; }
            else if (k <= 64) { min = 1L << (k - 2); max = k == 64 ? Long.MAX_VALUE : (1L << (k - 1)) - 1; }
            else { min = Long.MAX_VALUE; max = Long.MAX_VALUE; }
            out.add(new Bucket(min, max, counts[k]));
        }
        return new Histogram(out);
    }

    /** Index 0 is below min, 1..n the steps, n+1 at or above max. */
    private static Histogram linear(MapValue.LHist h) {
        long[] counts = h.buckets();
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            long min, max;
            if (i == 0) { min = Long.MIN_VALUE; max = h.min() - 1; }
            else if (i == counts.length - 1) { min = h.max(); max = Long.MAX_VALUE; }
            else { min = h.min() + (i - 1) * h.step(); max = min + h.step() - 1; }
            out.add(new Bucket(min, max, counts[i]));
        }
        return new Histogram(out);
    }
}
