package io.jbpftrace.codegen;

import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;

/** Formats of printf calls, indexed by the id their events carry; filled while generating code. */
public final class OutputTable {
    /** A printf call site: its format and the types of its arguments, in record order. */
    public record Printf(String format, List<Type> argTypes) {}

    private final List<Printf> printfs = new ArrayList<>();

    int addPrintf(String format, List<Type> argTypes) {
        printfs.add(new Printf(format, List.copyOf(argTypes)));
        return printfs.size() - 1;
    }

    public Printf printf(int id) { return printfs.get(id); }
}
