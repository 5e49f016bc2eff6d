package io.jbpftrace.output;

import java.util.List;

/** A decoded map value, as the runtime reads it back from a BPF map. */
public sealed interface MapValue {
    /** count/sum/min/max and plain integer assignments; {@code signed} decides printing and sort order. */
    record Int(long value, boolean signed) implements MapValue {}

    /** A string value ({@code @x = comm}). */
    record Str(String value) implements MapValue {}

    /** A tuple value; elements are Long, {@link UnsignedKey}, String or nested {@code Tuple}. */
    record Tuple(List<Object> elements) implements MapValue {
        public Tuple { elements = List.copyOf(elements); }
    }

    /** avg(): printed as total/count with integer division. */
    record Avg(long count, long total) implements MapValue {
        long average() { return count == 0 ? 0 : total / count; }
    }

    /** stats(): printed as "count N, average A, total T". */
    record Stats(long count, long total) implements MapValue {
        long average() { return count == 0 ? 0 : total / count; }
    }

    /** log2 histogram: index 0 negatives, 1 zero, k >= 2 covers [2^(k-2), 2^(k-1)). */
    record Hist(long[] buckets) implements MapValue {}

    /** Linear histogram: index 0 below min, 1..n the steps, n+1 at or above max. */
    record LHist(long min, long max, long step, long[] buckets) implements MapValue {}
}
