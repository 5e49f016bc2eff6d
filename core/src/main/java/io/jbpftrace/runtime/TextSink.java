package io.jbpftrace.runtime;

import io.jbpftrace.output.ByteOutput;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.output.TextMapPrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** bpftrace's default text output. */
public final class TextSink implements OutputSink {
    /** printf's fast path formats here; it goes out before any other text and when drained. */
    private static final int PENDING_BYTES = 1 << 18;
    private final PrintStream out;
    private final ByteOutput pending = new ByteOutput(PENDING_BYTES + 4096);

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

    @Override public ByteOutput printfBuffer() {
        if (pending.size() >= PENDING_BYTES) writePending();
        return pending;
    }

    @Override public void lostEvents(long count) { write(TextMapPrinter.lostEventsLine(count)); }

    @Override public void value(MapValue value) { write(TextMapPrinter.valueText(value, 1) + "\n"); }

    @Override public void map(String name, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        write(TextMapPrinter.print(name, entries, top, div, kindIfEmpty));
    }

    @Override public void mapsAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty) {
        write(TextMapPrinter.printAtExit(maps, kindsIfEmpty));
    }

    @Override public void drained() {
        writePending();
        if (flushWhenDrained) out.flush();
    }

    private void write(String s) {
        writePending();
        out.print(s);
    }

    private void writePending() {
        if (pending.size() == 0) return;
        out.write(pending.array(), 0, pending.size());
        pending.reset();
    }
}
