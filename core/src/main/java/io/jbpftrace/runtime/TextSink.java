package io.jbpftrace.runtime;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.output.TextMapPrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** bpftrace's default text output. */
public final class TextSink implements OutputSink {
    private final PrintStream out;

    private final boolean flushWhenDrained;

    public TextSink(PrintStream out) { this(out, true); }

    /**
     * @param flushWhenDrained false for -B full: output leaves in large blocks (and at exit); else it
     *     leaves whenever the tracer has handled every record that was ready, not line by line
     */
    public TextSink(PrintStream out, boolean flushWhenDrained) {
        this.out = out;
        this.flushWhenDrained = flushWhenDrained;
    }

    @Override public void attached(int probes) { write(TextMapPrinter.probesAttachedLine(probes)); }

    @Override public void printf(String text) { write(text); }

    @Override public void lostEvents(long count) { write(TextMapPrinter.lostEventsLine(count)); }

    @Override public void value(MapValue value) { write(TextMapPrinter.valueText(value, 1) + "\n"); }

    @Override public void map(String name, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        write(TextMapPrinter.print(name, entries, top, div, kindIfEmpty));
    }

    @Override public void mapsAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty) {
        write(TextMapPrinter.printAtExit(maps, kindsIfEmpty));
    }

    @Override public void drained() {
        if (flushWhenDrained) out.flush();
    }

    private void write(String s) {
        out.print(s);
    }
}
