package io.jbpftrace.output;

import java.util.List;

/**
 * How bpftrace groups map types for printing. Needed for empty maps, whose entries cannot tell:
 * an empty scalar or histogram map prints one newline, an empty avg/stats map two.
 */
public enum MapKind {
    SCALAR, HIST, STATS;

    public static MapKind of(MapValue value) {
        if (value instanceof MapValue.Hist || value instanceof MapValue.LHist) return HIST;
        if (value instanceof MapValue.Avg || value instanceof MapValue.Stats) return STATS;
        return SCALAR;
    }

    static MapKind of(List<MapEntry> entries, MapKind ifEmpty) {
        return entries.isEmpty() ? ifEmpty : of(entries.get(0).value());
    }
}
