package io.jbpftrace.runtime;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.TextMapPrinter;
import java.io.PrintStream;
import java.util.List;

/** bpftrace's default text output. */
public final class TextOutput implements Output {
    private final PrintStream out;

    public TextOutput(PrintStream out) { this.out = out; }

    @Override public void attached(int probes) {
        out.println("Attaching " + probes + (probes == 1 ? " probe..." : " probes..."));
        out.flush();
    }

    @Override public void printf(String text) {
        out.print(text);
        out.flush();
    }

    @Override public void map(String name, List<MapEntry> entries, int top, int div) {
        out.print(top > 0 || div > 1 ? TextMapPrinter.print(name, entries, top, div) : TextMapPrinter.print(name, entries));
        out.flush();
    }

    @Override public void end() { out.flush(); }
}
