package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.AttachPointNode;
import io.jbpftrace.lang.ast.Block;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Probe;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.lang.ast.StructDef;
import java.util.List;
import java.util.Map;

/**
 * A readable, stable dump of an AST: one node per line as {@code kind details @line:col},
 * children indented by two spaces. Used by golden tests and for debugging ({@code -d} style).
 */
public final class AstPrinter {
    private final StringBuilder out = new StringBuilder();

    private AstPrinter() {}

    public static String print(Program program) {
        AstPrinter p = new AstPrinter();
        p.program(program);
        return p.out.toString();
    }

    public static String print(Expr expr) {
        AstPrinter p = new AstPrinter();
        p.expr(expr, 0);
        return p.out.toString();
    }

    private void line(int depth, String text, Pos pos) {
        out.append("  ".repeat(depth)).append(text);
        if (pos != null) out.append(" @").append(pos);
        out.append('\n');
    }

    private void program(Program program) {
        line(0, "program " + program.fileName(), null);
        for (String include : program.includes()) line(1, "include " + include, null);
        for (StructDef s : program.structs()) {
            line(1, "struct " + s.name(), s.pos());
            for (StructDef.FieldDecl f : s.fields()) {
                line(2, "field " + f.typeName() + "*".repeat(f.pointerDepth()) + " " + f.name()
                        + (f.arrayLength() > 0 ? "[" + f.arrayLength() + "]" : ""), f.pos());
            }
        }
        if (!program.config().isEmpty()) {
            line(1, "config", null);
            for (Map.Entry<String, Expr> e : program.config().entrySet()) {
                line(2, e.getKey() + " =", null);
                expr(e.getValue(), 3);
            }
        }
        for (Probe probe : program.probes()) probe(probe);
    }

    private void probe(Probe probe) {
        line(1, "probe", probe.pos());
        for (AttachPointNode ap : probe.attachPoints()) line(2, "attach " + ap.raw(), ap.pos());
        if (probe.predicate() != null) {
            line(2, "predicate", null);
            expr(probe.predicate(), 3);
        }
        block("block", probe.body(), 2);
    }

    private void block(String label, Block block, int depth) {
        line(depth, label, block.pos());
        for (Stmt s : block.stmts()) stmt(s, depth + 1);
    }

    private void stmt(Stmt stmt, int d) {
        if (stmt instanceof Stmt.ExprStmt s) {
            line(d, "expr", s.pos());
            expr(s.expr(), d + 1);
        } else if (stmt instanceof Stmt.AssignMap s) {
            line(d, "assign", s.pos());
            expr(s.target(), d + 1);
            expr(s.value(), d + 1);
        } else if (stmt instanceof Stmt.AssignVar s) {
            line(d, "assign", s.pos());
            expr(s.target(), d + 1);
            expr(s.value(), d + 1);
        } else if (stmt instanceof Stmt.If s) {
            line(d, "if", s.pos());
            expr(s.cond(), d + 1);
            block("then", s.then(), d + 1);
            if (s.otherwise() != null) block("else", s.otherwise(), d + 1);
        } else if (stmt instanceof Stmt.Unroll s) {
            line(d, "unroll", s.pos());
            expr(s.count(), d + 1);
            block("body", s.body(), d + 1);
        } else if (stmt instanceof Stmt.While s) {
            line(d, "while", s.pos());
            expr(s.cond(), d + 1);
            block("body", s.body(), d + 1);
        } else if (stmt instanceof Stmt.For s) {
            line(d, "for", s.pos());
            expr(s.var(), d + 1);
            expr(s.map(), d + 1);
            block("body", s.body(), d + 1);
        } else if (stmt instanceof Stmt.Break s) {
            line(d, "break", s.pos());
        } else if (stmt instanceof Stmt.Continue s) {
            line(d, "continue", s.pos());
        } else if (stmt instanceof Stmt.Return s) {
            line(d, "return", s.pos());
        }
    }

    private void exprs(List<Expr> exprs, int d) {
        for (Expr e : exprs) expr(e, d);
    }

    private void expr(Expr expr, int d) {
        if (expr instanceof Expr.IntLit e) {
            line(d, "int " + e.value(), e.pos());
        } else if (expr instanceof Expr.StrLit e) {
            line(d, "str " + quote(e.value()), e.pos());
        } else if (expr instanceof Expr.Builtin e) {
            line(d, "builtin " + e.name(), e.pos());
        } else if (expr instanceof Expr.Positional e) {
            line(d, "param $" + e.index(), e.pos());
        } else if (expr instanceof Expr.PositionalCount e) {
            line(d, "param $#", e.pos());
        } else if (expr instanceof Expr.MapRef e) {
            line(d, "map " + e.name(), e.pos()); // the name keeps its @
            exprs(e.keys(), d + 1);
        } else if (expr instanceof Expr.Var e) {
            line(d, "var $" + e.name(), e.pos());
        } else if (expr instanceof Expr.Call e) {
            line(d, "call " + e.name(), e.pos());
            exprs(e.args(), d + 1);
        } else if (expr instanceof Expr.Binary e) {
            line(d, "binary " + e.op(), e.pos());
            expr(e.left(), d + 1);
            expr(e.right(), d + 1);
        } else if (expr instanceof Expr.Unary e) {
            line(d, "unary " + e.op(), e.pos());
            expr(e.operand(), d + 1);
        } else if (expr instanceof Expr.Ternary e) {
            line(d, "ternary", e.pos());
            expr(e.cond(), d + 1);
            expr(e.then(), d + 1);
            expr(e.otherwise(), d + 1);
        } else if (expr instanceof Expr.Field e) {
            line(d, "field " + (e.arrow() ? "->" : ".") + e.field(), e.pos());
            expr(e.target(), d + 1);
        } else if (expr instanceof Expr.Index e) {
            line(d, "index", e.pos());
            expr(e.target(), d + 1);
            expr(e.index(), d + 1);
        } else if (expr instanceof Expr.TupleIndex e) {
            line(d, "tuple-index " + e.index(), e.pos());
            expr(e.target(), d + 1);
        } else if (expr instanceof Expr.Tuple e) {
            line(d, "tuple", e.pos());
            exprs(e.elems(), d + 1);
        } else if (expr instanceof Expr.Cast e) {
            line(d, "cast " + e.typeName() + "*".repeat(e.pointerDepth()), e.pos());
            expr(e.operand(), d + 1);
        } else if (expr instanceof Expr.Sizeof e) {
            if (e.operand() == null) {
                line(d, "sizeof " + e.typeName() + "*".repeat(e.pointerDepth()), e.pos());
            } else {
                line(d, "sizeof", e.pos());
                expr(e.operand(), d + 1);
            }
        } else if (expr instanceof Expr.Increment e) {
            line(d, (e.prefix() ? "pre " : "post ") + e.op(), e.pos());
            expr(e.target(), d + 1);
        } else if (expr instanceof Expr.Offsetof e) {
            line(d, "offsetof " + e.typeName() + " " + e.field(), e.pos());
        }
    }

    /** Quotes a string with C escapes so control characters stay visible. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) q.append(String.format("\\x%02x", (int) c));
                    else q.append(c);
                }
            }
        }
        return q.append('"').toString();
    }
}
