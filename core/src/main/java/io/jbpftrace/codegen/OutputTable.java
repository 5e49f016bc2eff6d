package io.jbpftrace.codegen;

import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Call sites whose work happens in userspace (printf, system, cat, time, print of a value), indexed
 * by the id their ring buffer records carry; filled while generating code.
 */
public final class OutputTable {
    /** A call site: its format (or time format) and the types of its arguments, in record order. */
    public record Formatted(String format, List<Type> argTypes) {}

    private final List<Formatted> sites = new ArrayList<>();

    int add(String format, List<Type> argTypes) {
        sites.add(new Formatted(format, List.copyOf(argTypes)));
        return sites.size() - 1;
    }

    public Formatted site(int id) { return sites.get(id); }
}
