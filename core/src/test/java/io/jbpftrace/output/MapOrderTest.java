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
}
