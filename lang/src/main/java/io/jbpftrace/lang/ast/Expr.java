package io.jbpftrace.lang.ast;

import java.util.List;

/** Expressions. */
public sealed interface Expr extends Node {

    record IntLit(long value, Pos pos) implements Expr {}

    record StrLit(String value, Pos pos) implements Expr {}

    /** A builtin variable: pid, comm, nsecs, args, retval, arg0, probe, ... (resolved by the analyser). */
    record Builtin(String name, Pos pos) implements Expr {}

    /** {@code $1 .. $N} */
    record Positional(int index, Pos pos) implements Expr {}

    /** {@code $#} */
    record PositionalCount(Pos pos) implements Expr {}

    /** {@code @name} or {@code @name[k1, k2]}; name includes the "@" ("@" alone for the anonymous map). keys is empty for a scalar map. */
    record MapRef(String name, List<Expr> keys, Pos pos) implements Expr {}

    /** {@code $name} */
    record Var(String name, Pos pos) implements Expr {}

    /** {@code name(args)} */
    record Call(String name, List<Expr> args, Pos pos) implements Expr {}

    /** op is the source operator: + - * / % & | ^ << >> == != < <= > >= && || */
    record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

    /** op is one of ! ~ - * (dereference) & (address of) */
    record Unary(String op, Expr operand, Pos pos) implements Expr {}

    record Ternary(Expr cond, Expr then, Expr otherwise, Pos pos) implements Expr {}

    /** {@code expr->field} (arrow) or {@code expr.field} */
    record Field(Expr target, String field, boolean arrow, Pos pos) implements Expr {}

    /** {@code expr[index]} on arrays and pointers */
    record Index(Expr target, Expr index, Pos pos) implements Expr {}

    /** {@code expr.0} on tuples */
    record TupleIndex(Expr target, int index, Pos pos) implements Expr {}

    /** {@code (a, b, ...)} */
    record Tuple(List<Expr> elems, Pos pos) implements Expr {}

    /** {@code (type) expr}: typeName as written ("uint8", "struct task_struct", "int64"), pointerDepth counts '*'. */
    record Cast(String typeName, int pointerDepth, Expr operand, Pos pos) implements Expr {}

    /** {@code sizeof(type)} or {@code sizeof(expr)}: exactly one of typeName / operand is set. */
    record Sizeof(String typeName, int pointerDepth, Expr operand, Pos pos) implements Expr {}

    /**
     * {@code $x++}, {@code --@m[k]}: op is "++" or "--". {@code assign} is the same update written out
     * ({@code target = target + 1}), which analysis and code generation reuse; its right-hand side
     * reads {@code target}, the very node the expression's value comes from.
     */
    record Increment(Expr target, String op, boolean prefix, Stmt assign, Pos pos) implements Expr {}

    /** {@code offsetof(struct x, field)} */
    record Offsetof(String typeName, String field, Pos pos) implements Expr {}
}
