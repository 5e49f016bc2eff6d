package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Block;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Probe;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.ast.Stmt;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How deep a script may nest: parentheses, blocks, else-if chains, operator chains. Every later pass
 * recurses over the AST, so the limit keeps them within {@link DeepStack}'s stack; the parser has its
 * own guard on its rule depth (a parenthesis alone is about 16 rules deep).
 */
public final class NestingLimit {
    /** AST levels: far beyond hand-written scripts, well within the deep stack. */
    public static final int MAX_DEPTH = 1000;
    /** Parser rule invocations active at once (16 per parenthesis level, 4 per if level). */
    public static final int MAX_RULE_DEPTH = 16 * MAX_DEPTH + 64;
    public static final String MESSAGE = "too deeply nested: more than " + MAX_DEPTH
            + " levels of parentheses, blocks, else-ifs or operators";

    private NestingLimit() {}

    /** Fails at the first node (in source order) that lies deeper than {@link #MAX_DEPTH}. */
    public static void check(Program program) {
        Deque<Object[]> todo = new ArrayDeque<>(); // {node, depth}, walked without recursion
        for (int i = program.probes().size() - 1; i >= 0; i--) todo.push(new Object[] {program.probes().get(i), 1});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            Node node = (Node) next[0];
            int depth = (Integer) next[1];
            if (depth > MAX_DEPTH) {
                Pos pos = node.pos();
                throw new CompileError(program.fileName(), program.source(), pos, MESSAGE);
            }
            List<Node> children = children(node);
            for (int i = children.size() - 1; i >= 0; i--) todo.push(new Object[] {children.get(i), depth + 1});
        }
    }

    /** A node's direct children (explicit rather than reflective: this runs on every compile). */
    private static List<Node> children(Node node) {
        List<Node> out = new ArrayList<>();
        if (node instanceof Probe p) {
            if (p.predicate() != null) out.add(p.predicate());
            out.add(p.body());
        } else if (node instanceof Block b) {
            out.addAll(b.stmts());
        } else if (node instanceof Stmt s) {
            statementChildren(s, out);
        } else if (node instanceof Expr e) {
            expressionChildren(e, out);
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    private static void statementChildren(Stmt s, List<Node> out) {
        if (s instanceof Stmt.ExprStmt x) out.add(x.expr());
        else if (s instanceof Stmt.AssignMap a) out.addAll(List.of(a.target(), a.value()));
        else if (s instanceof Stmt.AssignVar a) out.addAll(List.of(a.target(), a.value()));
        else if (s instanceof Stmt.If i) {
            out.add(i.cond());
            out.add(i.then());
            out.add(i.otherwise());
        } else if (s instanceof Stmt.Unroll u) out.addAll(List.of(u.count(), u.body()));
        else if (s instanceof Stmt.While w) out.addAll(List.of(w.cond(), w.body()));
        else if (s instanceof Stmt.For f) out.addAll(List.of(f.var(), f.map(), f.body()));
    }

    private static void expressionChildren(Expr e, List<Node> out) {
        if (e instanceof Expr.MapRef m) out.addAll(m.keys());
        else if (e instanceof Expr.Call c) out.addAll(c.args());
        else if (e instanceof Expr.Binary b) out.addAll(List.of(b.left(), b.right()));
        else if (e instanceof Expr.Unary u) out.add(u.operand());
        else if (e instanceof Expr.Ternary t) out.addAll(List.of(t.cond(), t.then(), t.otherwise()));
        else if (e instanceof Expr.Field f) out.add(f.target());
        else if (e instanceof Expr.Index i) out.addAll(List.of(i.target(), i.index()));
        else if (e instanceof Expr.TupleIndex t) out.add(t.target());
        else if (e instanceof Expr.Tuple t) out.addAll(t.elems());
        else if (e instanceof Expr.Cast c) out.add(c.operand());
        else if (e instanceof Expr.Sizeof s) out.add(s.operand());
        else if (e instanceof Expr.Increment i) out.addAll(List.of(i.target(), i.assign()));
    }
}
