package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Stmt;

/** {@code $x++}, {@code --@m[k]}: the update, and as an expression the value before or after it. */
final class IncrementGen {
    private final GenState g;
    private final ExprGen exprs;
    private final MapGen maps;

    IncrementGen(GenState g, ExprGen exprs, MapGen maps) {
        this.g = g;
        this.exprs = exprs;
        this.maps = maps;
    }

    /** The update alone, for an increment used as a statement. */
    void update(Expr.Increment inc) {
        if (inc.assign() instanceof Stmt.AssignVar a) {
            exprs.toR0(a.value());
            g.asm.store(8, Reg.FP, g.varSlots.get(a.target().name()), Reg.R0);
        } else {
            Stmt.AssignMap a = (Stmt.AssignMap) inc.assign();
            maps.assign(a.target(), a.value());
        }
    }

    /** R0 = the target's value after the update (prefix) or before it (postfix). */
    void toR0(Expr.Increment inc) {
        if (inc.prefix()) {
            update(inc);
            exprs.toR0(inc.target());
            return;
        }
        int mark = g.frame.mark();
        int before = g.frame.alloc(8);
        exprs.toR0(inc.target());
        g.asm.store(8, Reg.FP, before, Reg.R0);
        update(inc);
        g.asm.load(8, Reg.R0, Reg.FP, before);
        g.frame.release(mark);
    }
}
