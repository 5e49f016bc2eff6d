package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.types.Type;
import java.util.List;

/**
 * Types the functions that take a whole map (bpftrace >= 0.21): {@code has_key(@m, key)} (1 when
 * the key is present; several keys are written as a tuple) and {@code len(@m)} (the element count).
 * Also {@code strcontains(haystack, needle)}, kept here as the other newer function.
 */
public final class MapFunctions {
    private final SemanticPass pass;
    private final CompileContext ctx;

    MapFunctions(SemanticPass pass, CompileContext ctx) {
        this.pass = pass;
        this.ctx = ctx;
    }

    static boolean handles(String function) {
        return function.equals("has_key") || function.equals("len") || function.equals("strcontains");
    }

    Type call(Expr.Call c) {
        return switch (c.name()) {
            case "has_key" -> hasKey(c);
            case "len" -> len(c);
            default -> strcontains(c);
        };
    }

    private Type hasKey(Expr.Call c) {
        pass.argCount(c, 2, 2);
        Expr first = c.args().get(0);
        if (!(first instanceof Expr.MapRef m)) throw ctx.error(first, "has_key() expects the first argument to be a map");
        if (!m.keys().isEmpty()) throw ctx.error(first, "has_key() expects the first argument to be a map. Not a map value expression.");
        List<Type> keys = pass.mapKeyTypes(m);
        if (keys != null && keys.isEmpty()) throw ctx.error(first, "has_key() only accepts maps that have keys. No scalar maps e.g. `@a = 1;`");
        pass.readKeys(lookupRef(c), c.args().get(1));
        return Type.Int.U8;
    }

    /**
     * The map reference has_key() looks up: {@code @m[key]}, or {@code @m[k1, k2]} for a tuple literal
     * {@code (k1, k2)}. Built again on each call: only its key expressions, which are the call's own, carry types.
     */
    public static Expr.MapRef lookupRef(Expr.Call hasKey) {
        Expr.MapRef m = (Expr.MapRef) hasKey.args().get(0);
        Expr key = hasKey.args().get(1);
        List<Expr> keys = key instanceof Expr.Tuple t ? t.elems() : List.of(key);
        return new Expr.MapRef(m.name(), keys, key.pos());
    }

    private Type len(Expr.Call c) {
        pass.argCount(c, 1, 1);
        if (!(c.args().get(0) instanceof Expr.MapRef m)) throw ctx.error(c, "len() expects a map to be provided");
        if (!m.keys().isEmpty()) throw ctx.error(c, "The map passed to len() should not be indexed by a key");
        pass.mapKeyTypes(m);
        return Type.Int.S64;
    }

    private Type strcontains(Expr.Call c) {
        pass.argCount(c, 2, 2);
        for (Expr a : c.args()) {
            Type t = pass.expr(a);
            if (!(t instanceof Type.Str)) {
                throw ctx.error(c, "strcontains() only supports string arguments (" + SemanticPass.typeWord(t) + " provided)");
            }
        }
        return Type.Int.U64;
    }
}
