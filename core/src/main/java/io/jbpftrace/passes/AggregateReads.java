package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.output.Conversion;
import io.jbpftrace.output.Printf;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * bpftrace 0.17 types a value read from an aggregation map as the aggregation itself ('count',
 * 'hist', ...): it may be copied into a variable or another map, but not computed with, compared or
 * printed by printf. This remembers which variables hold such a value, for those diagnostics.
 */
final class AggregateReads {
    private final Function<String, AggKind> mapKind;
    private final Map<String, AggKind> vars = new HashMap<>();

    /** @param mapKind what a map holds so far, null when not known yet */
    AggregateReads(Function<String, AggKind> mapKind) { this.mapKind = mapKind; }

    /** The aggregation an expression's value is, or null for ordinary values. */
    AggKind of(Expr e) {
        AggKind kind = null;
        if (e instanceof Expr.MapRef m) kind = mapKind.apply(m.name());
        else if (e instanceof Expr.Var v) kind = vars.get(v.name());
        return kind == AggKind.VALUE ? null : kind;
    }

    /** A variable now holds the value of {@code value}. */
    void assigned(Expr.Var target, Expr value) {
        AggKind kind = of(value);
        if (kind == null) vars.remove(target.name());
        else vars.put(target.name(), kind);
    }

    /** Variables are per probe. */
    void clearVariables() { vars.clear(); }

    /**
     * When the argument count fits the format and an argument is an aggregation: the message after
     * the function's name, ": %d specifier expects a value of type integer (count supplied)".
     *
     * @param args one entry per argument, the aggregation it is or null
     */
    static Optional<String> printfMismatch(String format, List<AggKind> args) {
        List<Conversion> conversions = Printf.parse(format);
        for (int i = 0; i < args.size() && conversions.size() == args.size(); i++) {
            if (args.get(i) == null) continue;
            Conversion c = conversions.get(i);
            return Optional.of(": %" + c.token() + " specifier expects a value of type " + c.argType().name().toLowerCase(Locale.ROOT)
                    + " (" + name(args.get(i)) + " supplied)");
        }
        return Optional.empty();
    }

    /** The type name bpftrace prints: "count", "hist", ... */
    static String name(AggKind kind) { return kind.name().toLowerCase(Locale.ROOT); }
}
