package io.jbpftrace.lang.ast;

/** Every AST node knows where it starts in the source. */
public interface Node {
    Pos pos();
}
