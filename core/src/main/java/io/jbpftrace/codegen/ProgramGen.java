package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Block;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.passes.Analysis;
import io.jbpftrace.passes.CompileContext;
import io.jbpftrace.passes.ProbeInstance;
import io.jbpftrace.types.Type;
import java.util.List;

/**
 * Pass 3: lowers one probe instance to a BPF program: prologue (save the context if used), predicate,
 * statements, and a common exit returning 0.
 */
public final class ProgramGen {
    private final GenState g;
    private final ExprGen exprs;
    private final MapGen maps;
    private final OutputGen output;
    private final ForLoopGen forLoops;

    private ProgramGen(GenState g) {
        this.g = g;
        this.exprs = new ExprGen(g);
        this.maps = new MapGen(g, exprs);
        this.exprs.maps = maps;
        this.exprs.increments = new IncrementGen(g, exprs, maps);
        this.output = new OutputGen(g, exprs);
        this.forLoops = new ForLoopGen(g, this);
        this.exprs.mapFunctions = new MapFunctionGen(g, maps, forLoops);
    }

    /** @param ringbufMap map index of the output ring buffer (user maps use their MapInfo ids) */
    public static GeneratedProgram generate(CompileContext ctx, Analysis analysis, ProbeInstance instance,
                                            OutputTable table, int ringbufMap) {
        GenState g = new GenState(ctx, analysis, instance, table, ringbufMap);
        try {
            new ProgramGen(g).program();
        } catch (Frame.StackOverflow e) {
            // point at the statement that went over; the message names the probe
            Node at = e.statement != null ? e.statement : instance.probe();
            throw ctx.error(at, instance.attachPoint().raw() + ": " + e.getMessage());
        }
        List<Node> sources = g.asm.origins().stream().map(o -> o instanceof Node n ? n : null).toList();
        return new GeneratedProgram(instance, g.asm.build(), g.asm.mapRefs(), g.asm.subprogramStarts(), sources);
    }

    private void program() {
        g.asm.origin(g.instance.probe());
        g.asm.mov(GenState.CTX, Reg.R1);
        allocateVariables(g.instance.probe().body());
        if (g.instance.probe().predicate() != null) {
            g.asm.origin(g.instance.probe().predicate());
            exprs.toR0(g.instance.probe().predicate());
            g.asm.jumpIf(Op.JEQ, Reg.R0, 0, g.exit);
        }
        block(g.instance.probe().body());
        g.asm.origin(g.instance.probe());
        g.asm.bind(g.exit).mov(Reg.R0, 0).exit();
        forLoops.emitCallbacks();
        if (!g.ctxUsed()) g.asm.removeFirst(); // the context copy nothing read
    }

    /**
     * Variables get fixed, zeroed slots for the whole function, so every path may read them. A for
     * loop's body is another function (its callback), which allocates its own.
     */
    void allocateVariables(Block b) {
        for (Stmt s : b.stmts()) {
            if (s instanceof Stmt.AssignVar a && !g.varSlots.containsKey(a.target().name())) {
                int size = Type.align8(g.type(a.target()).size());
                int off = allocFor(s, size);
                g.zero(off, size);
                g.varSlots.put(a.target().name(), off);
                g.varSizes.put(a.target().name(), size);
            }
            if (s instanceof Stmt.If i) {
                allocateVariables(i.then());
                if (i.otherwise() != null) allocateVariables(i.otherwise());
            }
            if (s instanceof Stmt.While w) allocateVariables(w.body());
            if (s instanceof Stmt.Unroll u) allocateVariables(u.body());
        }
    }

    private int allocFor(Stmt s, int size) {
        try {
            return g.frame.alloc(size);
        } catch (Frame.StackOverflow e) {
            e.statement = s; // the variable that did not fit
            throw e;
        }
    }

    /**
     * Emits a block; returns true when it always jumps away (exit, return, break, continue), in which
     * case nothing after it is emitted: the verifier rejects unreachable instructions.
     */
    boolean block(Block b) {
        for (Stmt s : b.stmts()) {
            if (stmt(s)) return true;
        }
        return false;
    }

    private boolean stmt(Stmt s) {
        Object outer = g.asm.origin(s);
        try {
            return lower(s);
        } catch (Frame.StackOverflow e) {
            if (e.statement == null) e.statement = s; // the innermost statement
            throw e;
        } finally {
            g.asm.origin(outer);
        }
    }

    private boolean lower(Stmt s) {
        g.site = s instanceof Stmt.ExprStmt e ? e.expr() : s;
        if (s instanceof Stmt.ExprStmt e) return exprStmt(e.expr());
        if (s instanceof Stmt.AssignMap a) maps.assign(a.target(), a.value());
        else if (s instanceof Stmt.AssignVar a) assignVar(a);
        else if (s instanceof Stmt.If i) return ifStmt(i);
        else if (s instanceof Stmt.Unroll u) {
            long count = u.count() instanceof Expr.IntLit lit ? lit.value() : Long.decode(param((Expr.Positional) u.count()));
            for (long n = count; n > 0; n--) {
                if (block(u.body())) return true;
            }
        } else if (s instanceof Stmt.While w) whileStmt(w);
        else if (s instanceof Stmt.For f) forLoops.call(f);
        else if (s instanceof Stmt.Break) return jump(g.loops.peek()[1]);
        else if (s instanceof Stmt.Continue) return jump(g.loops.peek()[0]);
        else if (s instanceof Stmt.Return) return jump(g.exit);
        else throw g.ctx.error(s, "This statement is not supported yet");
        return false;
    }

    private String param(Expr.Positional p) {
        return g.ctx.positionalParams().get(p.index() - 1);
    }

    private boolean jump(Label target) {
        g.asm.jump(target);
        return true;
    }

    private boolean exprStmt(Expr e) {
        if (e instanceof Expr.Increment inc) {
            exprs.increments.update(inc);
            return false;
        }
        if (e instanceof Expr.Call c && c.name().equals("exit")) {
            output.exit(c);
            return true;
        }
        if (e instanceof Expr.Call c) {
            switch (c.name()) {
                case "printf" -> output.formatted(EventKind.PRINTF, c);
                case "system" -> output.formatted(EventKind.SYSTEM, c);
                case "cat" -> output.formatted(EventKind.CAT, c);
                case "time" -> output.time(c);
                case "signal" -> exprs.signal(c);
                case "join" -> output.join(c);
                case "delete" -> maps.delete((Expr.MapRef) c.args().get(0));
                case "print" -> {
                    if (c.args().get(0) instanceof Expr.MapRef m && m.keys().isEmpty()) output.mapAction(EventKind.PRINT, c);
                    else output.printValue(c);
                }
                case "clear" -> output.mapAction(EventKind.CLEAR, c);
                case "zero" -> output.mapAction(EventKind.ZERO, c);
                default -> evaluateAndDrop(e);
            }
            return false;
        }
        evaluateAndDrop(e);
        return false;
    }

    private void evaluateAndDrop(Expr e) {
        int mark = g.frame.mark();
        exprs.toStack(e);
        g.frame.release(mark);
    }

    private void assignVar(Stmt.AssignVar a) {
        int slot = g.varSlots.get(a.target().name());
        Type t = g.type(a.target());
        if (ExprGen.inMemory(t)) {
            int mark = g.frame.mark();
            int tmp = g.frame.alloc(t.size());
            exprs.into(a.value(), tmp, t.size());
            g.copy(slot, tmp, Type.align8(t.size()));
            g.frame.release(mark);
        } else {
            exprs.toR0(a.value());
            g.asm.store(8, Reg.FP, slot, Reg.R0);
        }
    }

    private boolean ifStmt(Stmt.If i) {
        Label otherwise = g.asm.newLabel("else"), done = g.asm.newLabel("endif");
        exprs.toR0(i.cond());
        g.asm.jumpIf(Op.JEQ, Reg.R0, 0, otherwise);
        boolean thenLeaves = block(i.then());
        if (!thenLeaves) g.asm.jump(done);
        g.asm.bind(otherwise);
        boolean elseLeaves = i.otherwise() != null && block(i.otherwise());
        g.asm.bind(done);
        return thenLeaves && elseLeaves;
    }

    private void whileStmt(Stmt.While w) {
        Label top = g.asm.newLabel("while"), done = g.asm.newLabel("wend");
        g.asm.bind(top);
        exprs.toR0(w.cond());
        g.asm.jumpIf(Op.JEQ, Reg.R0, 0, done);
        g.loops.push(new Label[] {top, done});
        if (!block(w.body())) g.asm.jump(top);
        g.loops.pop();
        g.asm.bind(done);
    }
}
