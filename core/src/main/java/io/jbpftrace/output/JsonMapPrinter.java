package io.jbpftrace.output;

import java.util.ArrayList;
import java.util.List;

/** Maps as {@code bpftrace -f json} 0.17 prints them: one line per map, nothing for an empty map. */
public final class JsonMapPrinter {
    private JsonMapPrinter() {}

    public static String print(String mapName, List<MapEntry> entries) {
        return print(mapName, entries, 0, 0);
    }

    /** Same top/div rules as {@link TextMapPrinter}; empty maps print nothing in JSON mode. */
    public static String print(String mapName, List<MapEntry> entries, int top, int div) {
        if (entries.isEmpty()) return "";
        MapValue sample = entries.get(0).value();
        long divisor = div == 0 ? 1 : Integer.toUnsignedLong(div);
        boolean keyed = !entries.get(0).key().isEmpty();
        List<MapEntry> shown = MapOrder.sorted(entries, sample instanceof MapValue.Stats ? 0 : top);
        List<String> parts = new ArrayList<>();
        for (MapEntry e : shown) {
            String value = valueJson(e.value(), divisor);
            parts.add(keyed ? keyJson(e.key()) + ": " + value : value);
        }
        String body = String.join(", ", parts);
        if (keyed) body = "{" + body + "}";
        return "{\"type\": \"" + messageType(sample) + "\", \"data\": {" + JsonText.quote(mapName) + ": " + body + "}}\n";
    }

    private static String messageType(MapValue v) {
        return switch (MapKind.of(v)) {
            case HIST -> "hist";
            case STATS -> "stats";
            case SCALAR -> "map";
        };
    }

    /** All key elements joined by "," into one JSON string: {@code @t[1, "x"]} becomes "1,x". */
    private static String keyJson(List<Object> key) {
        List<String> parts = new ArrayList<>();
        for (Object o : key) parts.add(String.valueOf(o));
        return JsonText.quote(String.join(",", parts));
    }

    /** A value as it appears in JSON output (also for print(value): {"type": "value", ...}). */
    public static String valueJson(MapValue value, long div) {
        if (value instanceof MapValue.Str s) return JsonText.quote(s.value());
        if (value instanceof MapValue.Tuple t) return tupleJson(t);
        if (value instanceof MapValue.Stats s) {
            return "{\"count\": " + s.count() + ", \"average\": " + s.average() + ", \"total\": " + s.total() + "}";
        }
        if (value instanceof MapValue.Hist h) return histJson(h.buckets(), div);
        if (value instanceof MapValue.LHist l) return lhistJson(l);
        return TextMapPrinter.valueText(value, div);
    }

    private static String tupleJson(MapValue.Tuple t) {
        List<String> parts = new ArrayList<>();
        for (Object o : t.elements()) {
            if (o instanceof MapValue.Tuple inner) parts.add(tupleJson(inner));
            else if (o instanceof String s) parts.add(JsonText.quote(s));
            else parts.add(String.valueOf(o));
        }
        return "[" + String.join(",", parts) + "]";
    }

    /** Bucket bounds are computed in C int arithmetic by bpftrace, so they wrap from 2^31 on; kept. */
    private static String histJson(long[] buckets, long div) {
        HistogramText.BucketRange range = HistogramText.BucketRange.ofPositive(buckets);
        List<String> parts = new ArrayList<>();
        for (int i = range.first(); !range.isEmpty() && i <= range.last(); i++) {
            String bounds = switch (i) {
                case 0 -> "\"max\": -1, ";
                case 1 -> "\"min\": 0, \"max\": 0, ";
                case 2 -> "\"min\": 1, \"max\": 1, ";
                default -> "\"min\": " + (1 << (i - 2)) + ", \"max\": " + ((1 << (i - 1)) - 1) + ", ";
            };
            parts.add("{" + bounds + "\"count\": " + Long.toUnsignedString(Long.divideUnsigned(buckets[i], div)) + "}");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String lhistJson(MapValue.LHist h) {
        long steps = (h.max() - h.min()) / h.step();
        HistogramText.BucketRange range = HistogramText.BucketRange.ofLinear(h.buckets(), steps);
        List<String> parts = new ArrayList<>();
        for (int i = range.first(); !range.isEmpty() && i <= range.last(); i++) {
            String bounds;
            if (i == 0) bounds = "\"max\": " + (h.min() - 1) + ", ";
            else if (i == steps + 1) bounds = "\"min\": " + h.max() + ", ";
            else bounds = "\"min\": " + ((i - 1) * h.step() + h.min()) + ", \"max\": " + (i * h.step() + h.min() - 1) + ", ";
            parts.add("{" + bounds + "\"count\": " + Long.toUnsignedString(h.buckets()[i]) + "}");
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
