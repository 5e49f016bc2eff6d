package io.jbpftrace.output;

import java.util.List;

/** One map element: key elements (Long, {@link UnsignedKey} or String; empty for a keyless map) and its value. */
public record MapEntry(List<Object> key, MapValue value) {
    public MapEntry {
        key = List.copyOf(key);
    }

    public static MapEntry of(MapValue value, Object... key) {
        return new MapEntry(List.of(key), value);
    }
}
