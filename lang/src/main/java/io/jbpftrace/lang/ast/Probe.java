package io.jbpftrace.lang.ast;

import java.util.List;

/** {@code attach, attach /predicate/ { body }}; predicate may be null. */
public record Probe(List<AttachPointNode> attachPoints, Expr predicate, Block body, Pos pos) implements Node {}
