package io.jbpftrace.lang.ast;

/** A 1-based line and column in the script source. */
public record Pos(int line, int col) {
    public static final Pos NONE = new Pos(0, 0);

    @Override public String toString() { return line + ":" + col; }
}
