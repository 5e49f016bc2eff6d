package io.jbpftrace.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Maps as bpftrace 0.17 prints them in text mode, at exit and for print(@m, top, div). */
public final class TextMapPrinter {
    private TextMapPrinter() {}

    /** One map, including its trailing newlines; an empty map prints as a SCALAR (one newline). */
    public static String print(String mapName, List<MapEntry> entries) {
        return print(mapName, entries, 0, 0, MapKind.SCALAR);
    }

    public static String print(String mapName, List<MapEntry> entries, int top, int div) {
        return print(mapName, entries, top, div, MapKind.SCALAR);
    }

    /**
     * One map. top > 0 keeps the last (largest) top elements; div divides integer values, hist
     * counts and averages (not lhist, and neither top nor div applies to stats()); 0 means none.
     * {@code kindIfEmpty} decides the newlines of an empty map (avg/stats maps end in two).
     */
    public static String print(String mapName, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        StringBuilder out = new StringBuilder();
        append(out, mapName, entries, top, div, kindIfEmpty);
        return out.toString();
    }

    /** Appends straight to one builder: a 100k-key map is a few MB of text, built once. */
    private static void append(StringBuilder out, String mapName, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        MapKind kind = MapKind.of(entries, kindIfEmpty);
        long divisor = div == 0 ? 1 : Integer.toUnsignedLong(div);
        boolean isStats = !entries.isEmpty() && entries.get(0).value() instanceof MapValue.Stats;
        List<MapEntry> shown = MapOrder.sorted(entries, isStats ? 0 : top);
        for (int i = 0; i < shown.size(); i++) appendLine(out, i > 0, mapName, shown.get(i), kind, divisor);
        out.append(kind == MapKind.STATS ? "\n\n" : "\n");
    }

    /**
     * One element. A method of its own, as are the other steps done per element: the JVM compiles
     * a method called often long before a loop that runs once (100k times) in the interpreter.
     */
    private static void appendLine(StringBuilder out, boolean newline, String mapName, MapEntry e, MapKind kind, long divisor) {
        if (newline) out.append('\n');
        out.append(mapName);
        appendKeySuffix(out, e.key());
        out.append(": ");
        if (kind == MapKind.HIST) out.append('\n');
        // the common case without a String; counts are unsigned, but below 2^63 they print alike
        if (e.value() instanceof MapValue.Int v && divisor == 1 && (v.signed() || v.value() >= 0)) out.append(v.value());
        else out.append(valueText(e.value(), divisor));
    }

    /** Every map at exit: the two newlines bpftrace writes first, then the maps ordered by name. */
    public static String printAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty) {
        SortedMap<String, List<MapEntry>> byName = new TreeMap<>(maps);
        StringBuilder out = new StringBuilder("\n\n");
        byName.forEach((name, entries) -> append(out, name, entries, 0, 0, kindsIfEmpty.getOrDefault(name, MapKind.SCALAR)));
        return out.toString();
    }

    /** "Attaching 1 probe..." / "Attaching N probes...", with its newline. */
    public static String probesAttachedLine(int n) {
        return "Attaching " + n + (n == 1 ? " probe...\n" : " probes...\n");
    }

    /** The line bpftrace prints when the perf/ring buffer dropped events. */
    public static String lostEventsLine(long lost) {
        return "Lost " + lost + " events\n";
    }

    private static void appendKeySuffix(StringBuilder out, List<Object> key) {
        if (key.isEmpty()) return;
        out.append('[');
        for (int i = 0; i < key.size(); i++) {
            if (i > 0) out.append(", ");
            Object o = key.get(i);
            if (o instanceof Long l) out.append(l.longValue());
            else out.append(elementText(o));
        }
        out.append(']');
    }

    /** A value as bpftrace prints it in a map line or with print(value). */
    public static String valueText(MapValue value, long div) {
        if (value instanceof MapValue.Int i) {
            return i.signed() ? Long.toString(i.value() / div) : Long.toUnsignedString(Long.divideUnsigned(i.value(), div));
        }
        if (value instanceof MapValue.Str s) return s.value();
        if (value instanceof MapValue.Tuple t) return tupleText(t);
        if (value instanceof MapValue.Avg a) return Long.toString(a.average() / div);
        if (value instanceof MapValue.Stats s) {
            return "count " + s.count() + ", average " + s.average() + ", total " + s.total();
        }
        if (value instanceof MapValue.Hist h) return HistogramText.hist(h.buckets(), div);
        return HistogramText.lhist((MapValue.LHist) value);
    }

    private static String tupleText(MapValue.Tuple t) {
        List<String> parts = new ArrayList<>();
        for (Object o : t.elements()) parts.add(elementText(o));
        return "(" + String.join(", ", parts) + ")";
    }

    private static String elementText(Object o) {
        if (o instanceof MapValue.Tuple t) return tupleText(t);
        if (o instanceof MapValue v) return valueText(v, 1);
        return String.valueOf(o);
    }
}
