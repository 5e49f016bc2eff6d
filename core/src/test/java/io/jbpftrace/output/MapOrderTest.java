package io.jbpftrace.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapOrderTest {
    private static MapEntry entry(long value, Object... key) { return new MapEntry(List.of(key), new MapValue.Int(value, false)); }

    @Test
    void equalValuesTieOnTheKeysLittleEndianBytes() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(entry(1, 2L), entry(1, 1L), entry(1, 256L), entry(1, -1L), entry(0, 7L)), 0);
        // 7 has the smaller value; then 256 (00 01 ..), 1 (01 00 ..), 2 (02 ..), -1 (ff ..)
        assertEquals(List.of(7L, 256L, 1L, 2L, -1L), sorted.stream().map(e -> e.key().get(0)).toList());
    }

    @Test
    void tupleKeysTieElementByElement() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(entry(3, 1L, "b"), entry(3, 1L, "a"), entry(3, 256L, "z")), 0);
        assertEquals(List.of(List.of(256L, "z"), List.of(1L, "a"), List.of(1L, "b")), sorted.stream().map(MapEntry::key).toList());
    }

    private static List<Object> keys(List<MapEntry> sorted) { return sorted.stream().map(e -> e.key().get(0)).toList(); }

    @Test
    void unsignedValuesAboveTwoToThe63SortLast() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(entry(-1, 1L), entry(5, 2L), entry(Long.MIN_VALUE, 3L)), 0);
        assertEquals(List.of(2L, 3L, 1L), keys(sorted));
    }

    @Test
    void signedValuesSortNegativesFirst() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(new MapEntry(List.of(1L), new MapValue.Int(5, true)),
                new MapEntry(List.of(2L), new MapValue.Int(-5, true)), new MapEntry(List.of(3L), new MapValue.Int(0, true))), 0);
        assertEquals(List.of(2L, 3L, 1L), keys(sorted));
    }

    @Test
    void severalIntKeysTieElementByElementOnTheirBytes() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(entry(1, 1L, 2L), entry(1, 1L, 256L), entry(1, 256L, 9L), entry(1, 1L)), 0);
        assertEquals(List.of(List.of(256L, 9L), List.of(1L), List.of(1L, 256L), List.of(1L, 2L)), sorted.stream().map(MapEntry::key).toList());
    }

    @Test
    void histogramsSortByTotalThenKeyBytesAndTopKeepsTheLargest() {
        MapEntry small = new MapEntry(List.of(1L), new MapValue.Hist(new long[] {0, 2, 1}));
        MapEntry big = new MapEntry(List.of(2L), new MapValue.Hist(new long[] {4, 0, 0}));
        MapEntry tie = new MapEntry(List.of(256L), new MapValue.Hist(new long[] {0, 0, 3}));
        assertEquals(List.of(256L, 1L, 2L), keys(MapOrder.sorted(List.of(big, small, tie), 0)));
        assertEquals(List.of(1L, 2L), keys(MapOrder.sorted(List.of(big, small, tie), 2)));
    }

    @Test
    void averagesSortSignedByAverage() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(new MapEntry(List.of("a"), new MapValue.Avg(2, 10)),
                new MapEntry(List.of("b"), new MapValue.Avg(1, -4)), new MapEntry(List.of("c"), new MapValue.Avg(4, 20))), 0);
        assertEquals(List.of("b", "a", "c"), keys(sorted)); // 5 and 5 tie on the bytes of "a" < "c"
    }

    @Test
    void stringValuesSortByKey() {
        List<MapEntry> sorted = MapOrder.sorted(List.of(new MapEntry(List.of(2L), new MapValue.Str("x")),
                new MapEntry(List.of(1L), new MapValue.Str("y"))), 0);
        assertEquals(List.of(1L, 2L), keys(sorted));
    }
}
