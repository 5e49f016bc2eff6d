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

    /**
     * A helper call checked with -k/-kk: its name and bpftrace's warning with {@link #ERROR} where the
     * error text goes, plus the position for JSON.
     */
    public record HelperSite(String helper, String warning, int line, int col) {
        public static final String ERROR = "\u0000";
    }

    private final List<Formatted> sites = new ArrayList<>();
    private final int ringBytes;

    /** @param ringBytes size of the output ring buffer, a power of two */
    public OutputTable(int ringBytes) { this.ringBytes = ringBytes; }

    public int ringBytes() { return ringBytes; }
    private final List<HelperSite> helperSites = new ArrayList<>();

    int addHelperSite(HelperSite site) {
        helperSites.add(site);
        return helperSites.size() - 1;
    }

    public HelperSite helperSite(int id) { return helperSites.get(id); }

    int add(String format, List<Type> argTypes) {
        sites.add(new Formatted(format, List.copyOf(argTypes)));
        return sites.size() - 1;
    }

    public Formatted site(int id) { return sites.get(id); }

    public int siteCount() { return sites.size(); }
}
