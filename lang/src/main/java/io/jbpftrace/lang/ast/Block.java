package io.jbpftrace.lang.ast;

import java.util.List;

public record Block(List<Stmt> stmts, Pos pos) implements Node {}
