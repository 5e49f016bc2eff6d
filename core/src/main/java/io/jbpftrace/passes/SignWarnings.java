package io.jbpftrace.passes;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * bpftrace's warnings about integer signs, which BPF's unsigned division and comparisons make
 * matter: mixing signed and unsigned operands of arithmetic or a comparison, and dividing signed
 * values. A non-negative integer literal (or positional parameter) fits either sign, so it never causes a warning. Each
 * operator is reported once, in source order, under the operator as bpftrace underlines it.
 */
public final class SignWarnings {
    private SignWarnings() {}

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%");
    private static final Set<String> COMPARISON = Set.of("==", "!=", "<", ">", "<=", ">=");

    public static List<CompileError> of(CompileContext ctx, Analysis analysis) {
        Map<Expr.Binary, List<String>> found = new IdentityHashMap<>();
        for (IdentityHashMap<Expr, Type> types : analysis.exprTypes()) {
            for (Expr e : types.keySet()) {
                if (e instanceof Expr.Binary b && !found.containsKey(b)) {
                    List<String> messages = messages(b, types.get(b.left()), types.get(b.right()));
                    if (!messages.isEmpty()) found.put(b, messages);
                }
            }
        }
        List<Expr.Binary> ordered = new ArrayList<>(found.keySet());
        ordered.sort(Comparator.comparing((Expr.Binary b) -> b.pos().line()).thenComparing(b -> b.pos().col()));
        List<CompileError> out = new ArrayList<>();
        for (Expr.Binary b : ordered) {
            for (String m : found.get(b)) {
                out.add(new CompileError(ctx.program().fileName(), ctx.program().source(), b.pos(), operatorLength(ctx, b), m));
            }
        }
        return out;
    }

    static List<String> messages(Expr.Binary b, Type left, Type right) {
        List<String> out = new ArrayList<>();
        if (!(left instanceof Type.Int l) || !(right instanceof Type.Int r)) return out;
        boolean lSigned = signed(b.left(), l), rSigned = signed(b.right(), r);
        boolean neutral = neutral(b.left()) || neutral(b.right());
        boolean arithmetic = ARITHMETIC.contains(b.op());
        if ((arithmetic || COMPARISON.contains(b.op())) && !neutral && lSigned != rSigned) {
            out.add((arithmetic ? "arithmetic on" : "comparison of") + " integers of different signs: '" + name(l, lSigned)
                    + "' and '" + name(r, rSigned) + "' can lead to undefined behavior");
        }
        if ((b.op().equals("/") || b.op().equals("%")) && (lSigned || rSigned)) {
            out.add("signed operands for '" + b.op() + "' can lead to undefined behavior (cast to unsigned to silence warning)");
        }
        return out;
    }

    /** A literal like 2 fits an operand of either sign; so does $1, which bpftrace pastes in as a literal. */
    private static boolean neutral(Expr e) {
        return e instanceof Expr.IntLit lit && lit.value() >= 0 || e instanceof Expr.Positional;
    }

    private static boolean signed(Expr e, Type.Int t) { return t.signed() && !neutral(e); }

    private static String name(Type.Int t, boolean signed) {
        return (signed ? "" : "unsigned ") + "int" + 8 * t.size();
    }

    /** The operator as written: {@code +=} of a compound assignment is two characters. */
    private static int operatorLength(CompileContext ctx, Expr.Binary b) {
        Pos p = b.pos();
        String[] lines = ctx.program().source().split("\n", -1);
        if (p.line() < 1 || p.line() > lines.length) return b.op().length();
        String line = lines[p.line() - 1];
        int after = p.col() - 1 + b.op().length();
        boolean compound = ARITHMETIC.contains(b.op()) && after < line.length() && line.charAt(after) == '=';
        return b.op().length() + (compound ? 1 : 0);
    }
}
