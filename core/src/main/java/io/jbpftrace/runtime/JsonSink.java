package io.jbpftrace.runtime;

import io.jbpftrace.output.JsonMapPrinter;
import io.jbpftrace.output.JsonOutput;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.output.MapValue;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code -f json}: one JSON object per line, as {@code bpftrace -f json} prints them. */
public final class JsonSink implements OutputSink {
    private final PrintStream out;

    private final boolean flushWhenDrained;

    public JsonSink(PrintStream out) { this(out, true); }

    /**
     * @param flushWhenDrained false for -B full: output leaves in large blocks (and at exit); else it
     *     leaves whenever the tracer has handled every record that was ready, not line by line
     */
    public JsonSink(PrintStream out, boolean flushWhenDrained) {
        this.out = out;
        this.flushWhenDrained = flushWhenDrained;
    }

    @Override public void attached(int probes) { write(JsonOutput.attachedProbes(probes)); }

    @Override public void printf(String text) { write(JsonOutput.printf(text)); }

    @Override public void lostEvents(long count) { write(JsonOutput.lostEvents(count)); }

    @Override public void helperError(String warning, String helper, int code, int line, int col) {
        write("{\"type\": \"helper_error\", \"helper\": \"" + helper + "\", \"retcode\": " + code
                + ", \"line\": " + line + ", \"col\": " + col + "}\n");
    }

    @Override public void value(MapValue value) {
        write("{\"type\": \"value\", \"data\": " + JsonMapPrinter.valueJson(value, 1) + "}\n");
    }

    @Override public void map(String name, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        write(JsonMapPrinter.print(name, entries, top, div));
    }

    @Override public void mapsAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty) {
        StringBuilder sb = new StringBuilder("\n\n");
        maps.forEach((name, entries) -> sb.append(JsonMapPrinter.print(name, entries)));
        write(sb.toString());
    }

    @Override public void drained() {
        if (flushWhenDrained) out.flush();
    }

    private void write(String s) {
        out.print(s);
    }
}
