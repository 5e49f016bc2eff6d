package io.jbpftrace.api;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.runtime.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The tracer's output turned into the embedder's callbacks; maps printed at exit become the final snapshot. */
final class CallbackSink implements OutputSink {
    private final Consumer<String> printf;
    private final BiConsumer<String, List<MapEntry>> print;
    private volatile Map<String, List<MapEntry>> atExit;

    CallbackSink(Consumer<String> printf, BiConsumer<String, List<MapEntry>> print) {
        this.printf = printf;
        this.print = print;
    }

    @Override public void attached(int probes) {}

    /** Embedders see drops through the trace's printf stream, as the CLI user does. */
    @Override public void lostEvents(long count) { printf.accept(io.jbpftrace.output.TextMapPrinter.lostEventsLine(count)); }

    @Override public void printf(String text) { printf.accept(text); }

    /** print(value) reaches the printf callback as the text bpftrace would print. */
    @Override public void value(io.jbpftrace.output.MapValue value) {
        printf.accept(io.jbpftrace.output.TextMapPrinter.valueText(value, 1) + "\n");
    }

    @Override public void map(String name, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty) {
        print.accept(name, entries);
    }

    @Override public void mapsAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty) {
        atExit = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(maps));
    }

    Map<String, List<MapEntry>> atExit() { return atExit; }
}
