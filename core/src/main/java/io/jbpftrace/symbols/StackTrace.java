package io.jbpftrace.symbols;

import java.util.List;

/** A symbolized stack, printed the way bpftrace prints kstack/ustack in its modes. */
public record StackTrace(List<Frame> frames, String mode) {

    /** One return address and its symbol (may be the hex address when unknown). */
    public record Frame(long address, String symbol) {}

    /**
     * bpftrace mode: a newline, then each frame indented (4 spaces as a map key, 8 in printf);
     * perf mode: tab, hex address, symbol; raw mode: hex addresses only.
     */
    public String format(int indent) {
        StringBuilder sb = new StringBuilder("\n");
        for (Frame f : frames) {
            switch (mode) {
                case "perf" -> sb.append('\t').append(Long.toHexString(f.address())).append(' ').append(f.symbol());
                case "raw" -> sb.append(Long.toHexString(f.address()));
                default -> sb.append(" ".repeat(indent)).append(f.symbol());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
