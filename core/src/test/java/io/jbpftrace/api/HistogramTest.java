package io.jbpftrace.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.api.Histogram.Bucket;
import io.jbpftrace.output.MapValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void log2BucketsHaveInclusiveRanges() {
        long[] counts = new long[66];
        counts[0] = 1;   // negatives
        counts[1] = 2;   // zero
        counts[2] = 3;   // 1
        counts[9] = 4;   // [128, 256)
        counts[64] = 5;  // [2^62, 2^63)
        assertEquals(List.of(new Bucket(Long.MIN_VALUE, -1, 1), new Bucket(0, 0, 2), new Bucket(1, 1, 3),
                new Bucket(128, 255, 4), new Bucket(1L << 62, Long.MAX_VALUE, 5)),
                Histogram.of(new MapValue.Hist(counts)).buckets());
        assertEquals(15, Histogram.of(new MapValue.Hist(counts)).count());
    }

    @Test
    void linearBucketsIncludeTheOpenEnds() {
        // lhist(x, 0, 100, 10): below 0, ten steps, 100 and above.
        long[] counts = new long[12];
        counts[0] = 1;
        counts[1] = 2;
        counts[10] = 3;
        counts[11] = 4;
        assertEquals(List.of(new Bucket(Long.MIN_VALUE, -1, 1), new Bucket(0, 9, 2), new Bucket(90, 99, 3),
                new Bucket(100, Long.MAX_VALUE, 4)),
                Histogram.of(new MapValue.LHist(0, 100, 10, counts)).buckets());
    }

    @Test
    void otherValuesAreNotHistograms() {
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new MapValue.Int(3, false)));
    }
}
