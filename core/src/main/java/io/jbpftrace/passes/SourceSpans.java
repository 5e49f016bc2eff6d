package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Stmt;

/**
 * How many characters of a line a node covers, so an error underlines the whole expression as
 * bpftrace does. The AST keeps start positions only; ends are found again in the source text.
 */
final class SourceSpans {
    private final String[] lines;

    SourceSpans(String source) { this.lines = source.split("\n", -1); }

    /** Length of the node's text on its first line (at least 1). */
    int length(Node n) {
        Pos p = n.pos();
        if (p == null || p.line() < 1 || p.line() > lines.length) return 1;
        int end = end(n);
        return end > p.col() - 1 ? end - (p.col() - 1) : 1;
    }

    /** Length from the start of {@code first} to the end of {@code whole} (e.g. a field access from its base). */
    int length(Node first, Node whole) {
        int end = end(whole);
        int start = first.pos().col() - 1;
        return first.pos().line() == whole.pos().line() && end > start ? end - start : length(first);
    }

    /** Column index (0-based, exclusive) where the node ends on its start line, or -1 when unknown. */
    private int end(Node n) {
        if (n.pos() == null || n.pos().line() < 1 || n.pos().line() > lines.length) return -1;
        String line = lines[n.pos().line() - 1];
        int start = n.pos().col() - 1;
        if (n instanceof Expr.Call || n instanceof Expr.Tuple || n instanceof Expr.Sizeof || n instanceof Expr.Offsetof) return closing(line, line.indexOf('(', start), '(', ')');
        if (n instanceof Expr.MapRef m && !m.keys().isEmpty()) return closing(line, line.indexOf('[', start), '[', ']');
        if (n instanceof Expr.StrLit) return closing(line, start, '"', '"');
        if (n instanceof Expr.Binary b) return sameLine(n, b.right()) ? end(b.right()) : -1;
        if (n instanceof Expr.Unary u) return sameLine(n, u.operand()) ? end(u.operand()) : -1;
        if (n instanceof Expr.Increment i) return sameLine(n, i.target()) ? end(i.target()) + (i.prefix() ? 0 : 2) : -1;
        if (n instanceof Expr.Cast) return closing(line, start, '(', ')'); // bpftrace underlines "(type)" only
        if (n instanceof Expr.Index ix) return closing(line, line.indexOf('[', Math.max(start, end(ix.target()))), '[', ']');
        if (n instanceof Stmt.Unroll) return closing(line, line.indexOf('(', start), '(', ')');
        if (n instanceof Expr.Ternary t) return sameLine(n, t.otherwise()) ? end(t.otherwise()) : -1;
        if (n instanceof Expr.Field f) return word(line, line.indexOf(f.field(), Math.max(start, end(f.target()))));
        if (n instanceof Expr.TupleIndex ti) return word(line, Math.max(start, end(ti.target())) + 1);
        if (n instanceof Stmt.AssignMap a) return sameLine(n, a.value()) ? end(a.value()) : -1;
        if (n instanceof Stmt.AssignVar a) return sameLine(n, a.value()) ? end(a.value()) : -1;
        return word(line, start);
    }

    /**
     * Where bpftrace 0.17 puts a binary operation's operands ("comparing 'x' with 'y'"): from the
     * left operand's location to the right one's, where an operation's own location is its operator
     * token (see {@link #glued} for where a location starts).
     */
    Span operands(Expr.Binary b) {
        int start = ownStart(b.left());
        int end = ownEnd(b.right());
        Pos p = b.left().pos();
        if (p == null || p.line() != b.right().pos().line() || end <= start) return new Span(b.pos(), b.op().length());
        return new Span(new Pos(p.line(), start + 1), end - start);
    }

    /**
     * bpftrace's lexer only moves a location's start past blanks, so a token glued to the one before
     * it ({@code (pid}, {@code /@c}) starts where that one does. The range widened that way.
     */
    Span glued(Pos start, int length) {
        if (start == null || start.line() < 1 || start.line() > lines.length) return new Span(start, length);
        String line = lines[start.line() - 1];
        int from = Math.min(start.col() - 1, line.length());
        while (from > 0 && !Character.isWhitespace(line.charAt(from - 1))) from--;
        return new Span(new Pos(start.line(), from + 1), length + start.col() - 1 - from);
    }

    /** A column range on one line: start position and length. */
    record Span(Pos start, int length) {}

    /** 0-based column where bpftrace's location of the node starts. */
    private int ownStart(Node n) { return glued(n.pos(), 1).start().col() - 1; }

    /** 0-based exclusive column where bpftrace's location of the node ends. */
    private int ownEnd(Node n) {
        if (n instanceof Expr.Binary b) return b.pos().col() - 1 + b.op().length();
        if (n instanceof Expr.Unary u) return u.pos().col() - 1 + u.op().length();
        return end(n);
    }

    private boolean validLine(Node n) { return n.pos() != null && n.pos().line() >= 1 && n.pos().line() <= lines.length; }

    /** Where the '=' of a variable assignment is: bpftrace reports a variable's type clash there. */
    Pos assignOperator(Stmt.AssignVar a) {
        if (!validLine(a.target())) return a.pos();
        String line = lines[a.target().pos().line() - 1];
        int eq = line.indexOf('=', word(line, a.target().pos().col() - 1));
        return eq < 0 ? a.pos() : new Pos(a.target().pos().line(), eq + 1);
    }

    /** A map assignment's '=' (where bpftrace reports a failed update), glued to what precedes it. */
    Span assignOperator(Stmt.AssignMap a) {
        Pos p = a.target().pos();
        if (!validLine(a.target())) return new Span(p, 1);
        int eq = lines[p.line() - 1].indexOf('=', Math.max(p.col() - 1, end(a.target())));
        return eq < 0 ? new Span(p, length(a.target())) : glued(new Pos(p.line(), eq + 1), 1);
    }

    /** bpftrace's location of a probe's first attach point begins right after the previous token, blanks included. */
    Span attachPoint(Node at, int length) {
        if (!validLine(at)) return new Span(at.pos(), length);
        String line = lines[at.pos().line() - 1];
        int start = at.pos().col() - 1;
        int from = start;
        while (from > 0 && Character.isWhitespace(line.charAt(from - 1))) from--;
        if (from == 0 || from == start) return new Span(at.pos(), length);
        return new Span(new Pos(at.pos().line(), from + 1), length + start - from);
    }

    private static boolean sameLine(Node a, Node b) { return b.pos() != null && a.pos().line() == b.pos().line(); }

    /** End of an identifier-like token ({@code @map}, {@code $var}, {@code 0x1f}, {@code kstack}). */
    private static int word(String line, int from) {
        if (from < 0) return -1;
        int i = from;
        if (i < line.length() && (line.charAt(i) == '@' || line.charAt(i) == '$')) i++;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == '#')) i++;
        return i;
    }

    /** Index after the bracket closing the one at {@code open}, skipping string literals. */
    private static int closing(String line, int open, char opening, char closing) {
        if (open < 0) return -1;
        int depth = 0;
        boolean inString = opening == '"';
        for (int i = open + (inString ? 1 : 0); i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') {
                    inString = false;
                    if (opening == '"') return i + 1;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
