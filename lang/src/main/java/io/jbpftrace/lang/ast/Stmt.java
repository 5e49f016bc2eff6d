package io.jbpftrace.lang.ast;

/** Statements. Compound assignments ({@code @x += 1}, {@code $i++}) are desugared by the parser. */
public sealed interface Stmt extends Node {

    /** An expression evaluated for its effect: {@code printf(...)}, {@code delete(@m[k])}, {@code exit()}. */
    record ExprStmt(Expr expr, Pos pos) implements Stmt {}

    /** {@code @map[keys] = value} */
    record AssignMap(Expr.MapRef target, Expr value, Pos pos) implements Stmt {}

    /** {@code $var = value} (optionally declared {@code let $var}) */
    record AssignVar(Expr.Var target, Expr value, Pos pos) implements Stmt {}

    /** {@code if (cond) { then } else { otherwise }}; {@code else if} nests an If in otherwise; otherwise may be null. */
    record If(Expr cond, Block then, Block otherwise, Pos pos) implements Stmt {}

    record Unroll(Expr count, Block body, Pos pos) implements Stmt {}

    record While(Expr cond, Block body, Pos pos) implements Stmt {}

    /** {@code for ($kv : @map) { ... }} */
    record For(Expr.Var var, Expr.MapRef map, Block body, Pos pos) implements Stmt {}

    record Break(Pos pos) implements Stmt {}

    record Continue(Pos pos) implements Stmt {}

    record Return(Pos pos) implements Stmt {}
}
