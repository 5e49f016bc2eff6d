package io.jbpftrace.runtime;

import io.jbpftrace.output.MapEntry;
import java.util.List;

/** Where the tracer's user-visible output goes: text like bpftrace, or JSON lines with {@code -f json}. */
public interface Output {
    void attached(int probes);

    void printf(String text);

    void map(String name, List<MapEntry> entries, int top, int div);

    /** Called at exit after the maps, so a buffered sink can flush. */
    default void end() { }
}
