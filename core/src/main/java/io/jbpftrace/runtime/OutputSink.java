package io.jbpftrace.runtime;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.output.MapValue;
import java.util.List;
import java.util.Map;

/** Where the tracer's user-visible output goes: text like bpftrace, or JSON lines with {@code -f json}. */
public interface OutputSink {
    void attached(int probes);

    /** Everything ready was handled (the tracer may wait now): what was written must become visible. */
    default void drained() {}

    void printf(String text);

    /**
     * Where printf may format its bytes directly (text output), or null: then it passes Strings to
     * {@link #printf(String)}. Asked before each line; what is written there leaves in order with the rest.
     */
    default io.jbpftrace.output.ByteOutput printfBuffer() { return null; }

    /** A failed helper call under -k/-kk: the warning text, or for JSON its parts. */
    default void helperError(String warning, String helper, int code, int line, int col) { printf(warning); }

    /** print(value) of a non-map expression. */
    void value(MapValue value);

    /** print(@m [, top, div]) while tracing. */
    void map(String name, List<MapEntry> entries, int top, int div, MapKind kindIfEmpty);

    /** Events a full output ring dropped since the last report. */
    void lostEvents(long count);

    /** Every map at exit, in name order. */
    void mapsAtExit(Map<String, List<MapEntry>> maps, Map<String, MapKind> kindsIfEmpty);
}
