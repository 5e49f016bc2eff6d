package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.passes.CoreBuiltins;
import io.jbpftrace.passes.SemanticPass;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.nio.charset.StandardCharsets;

/**
 * Lowers expressions. Integer-like values end in R0 ({@link #toR0}); strings and tuples are built in
 * a stack slot whose offset is returned ({@link #toStack}).
 */
final class ExprGen {
    private final GenState g;
    private final Asm asm;
    MapGen maps;
    IncrementGen increments;
    MapFunctionGen mapFunctions;
    private final CallGen calls;
    private final CommGen comm;

    ExprGen(GenState g) {
        this.g = g;
        this.asm = g.asm;
        this.calls = new CallGen(g, this);
        this.comm = new CommGen(g);
    }

    /** Passed instead of a slot offset (slots are negative R10 offsets) when the value goes to R0. */
    private static final int NO_SLOT = Integer.MIN_VALUE;

    static boolean inMemory(Type t) { return t instanceof Type.Str || t instanceof Type.Tuple || t instanceof Type.Printable; }

    /** Evaluates an integer-like expression into R0. */
    void toR0(Expr e) {
        Type t = g.type(e);
        if (inMemory(t)) throw new IllegalStateException("memory value used as integer at " + e.pos());
        if (t instanceof Type.Stack st && takesStack(e)) stack(st);
        else if (e instanceof Expr.IntLit lit) loadConst(lit.value());
        else if (e instanceof Expr.Builtin b) builtin(b);
        else if (e instanceof Expr.Positional p) loadConst(param(p).isEmpty() ? 0 : Long.decode(param(p)));
        else if (e instanceof Expr.PositionalCount) loadConst(g.ctx.positionalParams().size());
        else if (e instanceof Expr.MapRef m) maps.readInt(m);
        else if (e instanceof Expr.Var v) asm.load(8, Reg.R0, Reg.FP, g.varSlots.get(v.name()));
        else if (e instanceof Expr.Binary b) binary(b);
        else if (e instanceof Expr.Unary u) unary(u);
        else if (e instanceof Expr.Ternary t2) ternary(t2, NO_SLOT);
        else if (e instanceof Expr.Field f) field(f, NO_SLOT);
        else if (e instanceof Expr.Cast c) cast(c);
        else if (e instanceof Expr.TupleIndex ti) tupleIndex(ti, NO_SLOT);
        else if (e instanceof Expr.Sizeof || e instanceof Expr.Offsetof) loadConst(g.analysis.constant(e));
        else if (e instanceof Expr.Call c) calls.call(c);
        else if (e instanceof Expr.Index ix) index(ix);
        else if (e instanceof Expr.Increment inc) increments.toR0(inc);
        else throw g.ctx.error(e, "This expression is not supported yet");
    }

    /**
     * kstack/ustack (builtin or call) take the stack now; any other stack-typed expression (a map
     * value, a variable) holds the id of a stack taken earlier, maybe by another thread.
     */
    private static boolean takesStack(Expr e) { return e instanceof Expr.Builtin || e instanceof Expr.Call; }

    /** A probe read that -kk reports at {@code site} when it fails. */
    void checkedRead(Expr site, Helper read) {
        var outer = g.site;
        g.site = site;
        g.checks.call(read);
        g.site = outer;
    }

    /** {@code ptr[i]} or {@code record->array[i]}: probe-read one integer element. */
    private void index(Expr.Index ix) {
        Type t = g.type(ix.target());
        Type element = g.type(ix);
        int mark = g.frame.mark();
        int base = g.frame.alloc(8);
        boolean user = false;
        if (t instanceof Type.Pointer p) {
            toR0(ix.target());
            user = p.user();
        } else if (ix.target() instanceof Expr.Field f && g.type(f.target()) instanceof Type.Record rec && f.target() instanceof Expr.Builtin) {
            asm.mov(Reg.R0, g.ctx()).add(Reg.R0, rec.field(f.field()).orElseThrow().offset());
        } else if (ix.target() instanceof Expr.Field f) {
            user = addressOf(f);
        } else {
            throw g.ctx.error(ix, "Indexing this array is not supported yet");
        }
        asm.store(8, Reg.FP, base, Reg.R0);
        toR0(ix.index());
        asm.alu64Imm(Op.MUL, Reg.R0, element.size());
        asm.load(8, Reg.R3, Reg.FP, base).alu64Reg(Op.ADD, Reg.R3, Reg.R0);
        asm.storeImm(8, Reg.FP, base, 0);
        g.stackPtr(Reg.R1, base);
        asm.mov(Reg.R2, element.size());
        checkedRead(ix, t instanceof Type.Pointer ? readHelper(t, Helper.PROBE_READ_USER, Helper.PROBE_READ_KERNEL, Helper.PROBE_READ)
                : user ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
        loadSized(Reg.R0, Reg.FP, base, element);
        g.frame.release(mark);
    }

    /** signal(sig): bpf_send_signal to the current task. */
    void signal(Expr.Call c) {
        Expr arg = c.args().get(0);
        if (arg instanceof Expr.StrLit s) loadConst(io.jbpftrace.passes.Signals.number(s.value()));
        else toR0(arg);
        asm.mov(Reg.R1, Reg.R0).call(Helper.SEND_SIGNAL);
    }

    /** Evaluates any expression into a stack slot and returns the slot's offset. */
    int toStack(Expr e) {
        Type t = g.type(e);
        if (!inMemory(t)) {
            toR0(e);
            int off = g.frame.alloc(8);
            asm.store(8, Reg.FP, off, Reg.R0);
            return off;
        }
        int off = g.frame.alloc(t.size());
        into(e, off, t.size());
        return off;
    }

    /** Writes a memory value (string/tuple) into an existing slot of {@code size} bytes, zero-padded. */
    void into(Expr e, int off, int size) {
        Type t = g.type(e);
        if (!inMemory(t)) {
            toR0(e);
            asm.store(8, Reg.FP, off, Reg.R0);
            return;
        }
        int mark = g.frame.mark();
        if (e instanceof Expr.StrLit s) storeString(s.value(), off, size);
        else if (e instanceof Expr.Positional p) storeString(param(p), off, size);
        else if (e instanceof Expr.Builtin b && b.name().equals("comm")) comm.into(off, size);
        else if (e instanceof Expr.Builtin b && t instanceof Type.Printable) calls.printable(b.name(), null, off);
        else if (e instanceof Expr.Builtin b) storeString(providerBuiltin(b).constant(), off, size);
        else if (e instanceof Expr.Call c && c.name().equals("str")) calls.str(c, off, size);
        else if (e instanceof Expr.Call c && t instanceof Type.Printable) calls.printable(c.name(), c, off);
        else if (e instanceof Expr.Var v) copyPadded(off, size, g.varSlots.get(v.name()), t.size());
        else if (e instanceof Expr.MapRef m) maps.readMemory(m, off, size);
        else if (e instanceof Expr.Field f) field(f, off);
        else if (e instanceof Expr.Ternary te) ternary(te, off);
        else if (e instanceof Expr.TupleIndex ti) tupleIndex(ti, off);
        else if (e instanceof Expr.Tuple tu) tuple(tu, (Type.Tuple) t, off);
        else throw g.ctx.error(e, "This expression is not supported yet");
        g.frame.release(mark);
    }

    /**
     * The probe-read helper for memory an address of type {@code t} points to: user or kernel when the
     * type says so; a plain integer (arg0, retval, a USDT argument) may be either, so it gets the
     * old helper that picks by address (x86-64 and arm64 keep the address spaces apart).
     */
    static Helper readHelper(Type t, Helper user, Helper kernel, Helper either) {
        if (t instanceof Type.Pointer p) return p.user() ? user : kernel;
        return either;
    }

    void copyPadded(int dst, int dstSize, int src, int srcSize) {
        int n = Math.min(Type.align8(srcSize), Type.align8(dstSize));
        g.copy(dst, src, n);
        g.zero(dst + n, Type.align8(dstSize) - n);
    }

    private String param(Expr.Positional p) {
        var params = g.ctx.positionalParams();
        return p.index() <= params.size() ? params.get(p.index() - 1) : "";
    }

    void loadConst(long v) {
        if (v == (int) v) asm.mov(Reg.R0, (int) v);
        else asm.ldImm64(Reg.R0, v);
    }

    private void builtin(Expr.Builtin b) {
        if (b.name().equals("elapsed")) {
            asm.call(Helper.KTIME_GET_NS).ldImm64(Reg.R1, g.ctx.startNanos()).alu64Reg(Op.SUB, Reg.R0, Reg.R1);
            return;
        }
        if (b.name().equals("probe")) {
            loadConst(g.instance.index());
            return;
        }
        if (g.analysis.isConstant(b)) { // a header macro or a kernel enumerator
            loadConst(g.analysis.constant(b));
            return;
        }
        providerBuiltin(b).code().emit(asm, g.ctx(), Reg.R0);
    }

    /** The probe's provider first, then the core's builtins. */
    private Builtin providerBuiltin(Expr.Builtin b) {
        try {
            return g.instance.provider().builtin(b.name(), g.instance.target())
                    .or(() -> CoreBuiltins.get(b.name())).orElseThrow();
        } catch (ProbeException ex) {
            throw g.ctx.error(b, ex.getMessage());
        }
    }

    /** R0 = stack id (user stacks: pid << 32 | id), negative ids are kept so userspace can tell a failure. */
    private void stack(Type.Stack st) {
        final int userStackFlag = 1 << 8;
        asm.mov(Reg.R1, g.ctx());
        asm.ldMap(Reg.R2, g.analysis.stackMapIndex(Math.min(st.limit(), SemanticPass.DEFAULT_STACK_FRAMES)));
        asm.mov(Reg.R3, st.user() ? userStackFlag : 0);
        asm.call(Helper.GET_STACKID);
        if (st.user()) {
            asm.alu64Imm(Op.LSH, Reg.R0, 32).alu64Imm(Op.RSH, Reg.R0, 32).mov(Reg.R9, Reg.R0);
            asm.call(Helper.GET_CURRENT_PID_TGID);
            asm.alu64Imm(Op.RSH, Reg.R0, 32).alu64Imm(Op.LSH, Reg.R0, 32).alu64Reg(Op.OR, Reg.R0, Reg.R9);
        }
    }

    private void storeString(String s, int off, int size) { storeBytes(s, off, size, size - 1); }

    /** Writes at most {@code limit} bytes of {@code s} into a zeroed slot of {@code size} bytes. */
    void storeBytes(String s, int off, int size, int limit) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Type.align8(size); i += 4) {
            int word = 0;
            for (int j = 0; j < 4; j++) {
                int idx = i + j;
                int b = idx < bytes.length && idx < limit ? bytes[idx] & 0xff : 0;
                word |= b << (8 * j);
            }
            asm.storeImm(4, Reg.FP, off + i, word);
        }
    }

    private void binary(Expr.Binary b) {
        String op = b.op();
        if (op.equals("&&") || op.equals("||")) {
            logical(b);
            return;
        }
        if (g.type(b.left()) instanceof Type.Str) {
            strings(b);
            return;
        }
        int mark = g.frame.mark();
        toR0(b.left());
        int slot = g.frame.alloc(8);
        asm.store(8, Reg.FP, slot, Reg.R0);
        toR0(b.right());
        if (g.type(b) instanceof Type.Pointer p && g.type(b.right()) instanceof Type.Int) asm.alu64Imm(Op.MUL, Reg.R0, Math.max(1, p.target().size()));
        asm.mov(Reg.R2, Reg.R0).load(8, Reg.R1, Reg.FP, slot);
        g.frame.release(mark);
        boolean signed = g.type(b.left()) instanceof Type.Int l && l.signed() && g.type(b.right()) instanceof Type.Int r && r.signed();
        Integer jump = compareOp(op, signed);
        if (jump != null) {
            Label yes = asm.newLabel("cmp");
            asm.mov(Reg.R0, 1).jumpIf(jump, Reg.R1, Reg.R2, yes).mov(Reg.R0, 0).bind(yes);
            return;
        }
        int alu = switch (op) {
            case "+" -> Op.ADD;
            case "-" -> Op.SUB;
            case "*" -> Op.MUL;
            case "/" -> Op.DIV;
            case "%" -> Op.MOD;
            case "&" -> Op.AND;
            case "|" -> Op.OR;
            case "^" -> Op.XOR;
            case "<<" -> Op.LSH;
            case ">>" -> signed ? Op.ARSH : Op.RSH;
            default -> throw g.ctx.error(b, "Unknown operator " + op);
        };
        asm.alu64Reg(alu, Reg.R1, Reg.R2).mov(Reg.R0, Reg.R1);
    }

    private static Integer compareOp(String op, boolean signed) {
        return switch (op) {
            case "==" -> Op.JEQ;
            case "!=" -> Op.JNE;
            case "<" -> signed ? Op.JSLT : Op.JLT;
            case "<=" -> signed ? Op.JSLE : Op.JLE;
            case ">" -> signed ? Op.JSGT : Op.JGT;
            case ">=" -> signed ? Op.JSGE : Op.JGE;
            default -> null;
        };
    }

    private void logical(Expr.Binary b) {
        boolean and = b.op().equals("&&");
        Label done = asm.newLabel(and ? "and" : "or");
        toR0(b.left());
        asm.mov(Reg.R1, Reg.R0).mov(Reg.R0, and ? 0 : 1);
        asm.jumpIf(and ? Op.JEQ : Op.JNE, Reg.R1, 0, done);
        toR0(b.right());
        Label t = asm.newLabel("bool");
        asm.mov(Reg.R1, Reg.R0).mov(Reg.R0, 1).jumpIf(Op.JNE, Reg.R1, 0, t).mov(Reg.R0, 0).bind(t);
        asm.bind(done);
    }

    /** String == / != : compare byte by byte up to the first NUL (both buffers are zero padded). */
    private void strings(Expr.Binary b) {
        compareStrings(b.left(), b.right(), Integer.MAX_VALUE);
        if (b.op().equals("!=")) asm.alu64Imm(Op.XOR, Reg.R0, 1);
    }

    /** R0 = 1 when the first {@code limit} characters of both strings are equal, else 0. */
    void compareStrings(Expr left, Expr right, int limit) {
        int mark = g.frame.mark();
        int l = toStack(left), r = toStack(right);
        int sl = g.type(left).size(), sr = g.type(right).size();
        int n = Math.min(Math.min(sl, sr), limit);
        Label differ = asm.newLabel("strne"), same = asm.newLabel("streq"), done = asm.newLabel("strcmp");
        for (int i = 0; i < n; i++) {
            asm.load(1, Reg.R1, Reg.FP, l + i).load(1, Reg.R2, Reg.FP, r + i);
            asm.jumpIf(Op.JNE, Reg.R1, Reg.R2, differ);
            asm.jumpIf(Op.JEQ, Reg.R1, 0, same);
        }
        if (sl != sr && n < limit) { // the longer one must end where the shorter did
            int longer = sl > sr ? l : r;
            asm.load(1, Reg.R1, Reg.FP, longer + n).jumpIf(Op.JNE, Reg.R1, 0, differ);
        }
        asm.bind(same).mov(Reg.R0, 1).jump(done);
        asm.bind(differ).mov(Reg.R0, 0).bind(done);
        g.frame.release(mark);
    }

    private void unary(Expr.Unary u) {
        toR0(u.operand());
        switch (u.op()) {
            case "!" -> {
                Label t = asm.newLabel("not");
                asm.mov(Reg.R1, Reg.R0).mov(Reg.R0, 1).jumpIf(Op.JEQ, Reg.R1, 0, t).mov(Reg.R0, 0).bind(t);
            }
            case "~" -> asm.alu64Imm(Op.XOR, Reg.R0, -1);
            case "-" -> asm.neg(Reg.R0);
            case "*" -> deref(u, (Type.Pointer) g.type(u.operand()), g.type(u));
            default -> throw g.ctx.error(u, "Unary operator " + u.op() + " is not supported yet");
        }
    }

    /** Reads an integer through the pointer in R0 with a probe read (user memory when the pointer says so). */
    private void deref(Expr.Unary u, Type.Pointer p, Type t) {
        int mark = g.frame.mark();
        int slot = g.frame.alloc(8);
        asm.storeImm(8, Reg.FP, slot, 0);
        asm.mov(Reg.R3, Reg.R0);
        g.stackPtr(Reg.R1, slot);
        asm.mov(Reg.R2, t.size());
        // a pointer made by a cast may hold a user address: the old helper reads either space
        checkedRead(u, p.user() ? Helper.PROBE_READ_USER : Helper.PROBE_READ);
        loadSized(Reg.R0, Reg.FP, slot, t);
        g.frame.release(mark);
    }

    private void ternary(Expr.Ternary t, int off) {
        Label other = asm.newLabel("else"), done = asm.newLabel("fi");
        toR0(t.cond());
        asm.jumpIf(Op.JEQ, Reg.R0, 0, other);
        int size = g.type(t).size();
        if (off == NO_SLOT) toR0(t.then()); else into(t.then(), off, size);
        asm.jump(done).bind(other);
        if (off == NO_SLOT) toR0(t.otherwise()); else into(t.otherwise(), off, size);
        asm.bind(done);
    }

    /** Field of a record in the probe context (tracepoint args), into R0 or (strings) into a slot. */
    private void field(Expr.Field f, int off) {
        Type tt = g.type(f.target());
        if (!(tt instanceof Type.Record rec && f.target() instanceof Expr.Builtin)) {
            memoryField(f, off);
            return;
        }
        Type.Field field = rec.field(f.field()).orElseThrow();
        Type ft = field.type();
        if (ft instanceof Type.Array a) {
            int size = g.type(f).size();
            g.zero(off, size);
            g.stackPtr(Reg.R1, off);
            asm.mov(Reg.R2, Math.min(a.size(), size));
            asm.mov(Reg.R3, g.ctx()).add(Reg.R3, field.offset());
            asm.call(Helper.PROBE_READ_KERNEL);
        } else if (ft instanceof Type.DataLoc) {
            int size = g.type(f).size();
            g.zero(off, size);
            asm.load(4, Reg.R3, g.ctx(), field.offset());
            asm.alu64Imm(Op.AND, Reg.R3, 0xffff).alu64Reg(Op.ADD, Reg.R3, g.ctx());
            g.stackPtr(Reg.R1, off);
            asm.mov(Reg.R2, size);
            asm.call(Helper.PROBE_READ_KERNEL_STR);
        } else {
            loadSized(Reg.R0, g.ctx(), field.offset(), ft);
        }
    }

    /** A field behind a pointer ({@code p->f}) or of an embedded struct ({@code p->a.b}): probe-read it. */
    private void memoryField(Expr.Field f, int off) {
        Type.Field field = resolveField(f);
        boolean user = addressOf(f);
        Type ft = field.type();
        asm.mov(Reg.R3, Reg.R0);
        if (off != NO_SLOT) { // a char array read as a string
            int size = g.type(f).size();
            g.zero(off, size);
            g.stackPtr(Reg.R1, off);
            asm.mov(Reg.R2, Math.min(ft.size(), size));
            asm.call(user ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
            return;
        }
        int mark = g.frame.mark();
        int slot = g.frame.alloc(8);
        asm.storeImm(8, Reg.FP, slot, 0);
        g.stackPtr(Reg.R1, slot);
        asm.mov(Reg.R2, Math.min(8, ft.size()));
        asm.call(user ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
        if (ft instanceof Type.Int) loadSized(Reg.R0, Reg.FP, slot, ft);
        else asm.load(8, Reg.R0, Reg.FP, slot);
        g.frame.release(mark);
    }

    private Type.Field resolveField(Expr.Field f) {
        Type tt = g.type(f.target());
        Type.Record shallow = (Type.Record) (tt instanceof Type.Pointer p ? p.target() : tt);
        Type.Record rec = g.structs.complete(shallow).orElseThrow();
        return rec.field(f.field()).orElseThrow();
    }

    /** R0 = address of the field; returns whether it is user memory. */
    private boolean addressOf(Expr.Field f) {
        Type tt = g.type(f.target());
        boolean user;
        if (tt instanceof Type.Pointer p) {
            toR0(f.target());
            user = p.user();
        } else if (f.target() instanceof Expr.Field inner) {
            user = addressOf(inner);
        } else {
            throw g.ctx.error(f, "Can not take the address of this struct");
        }
        asm.add(Reg.R0, resolveField(f).offset());
        return user;
    }

    /** Loads a 1/2/4/8-byte integer, sign-extending signed types to 64 bits. */
    void loadSized(Reg dst, Reg base, int off, Type t) {
        int size = t.size();
        asm.load(size, dst, base, off);
        if (t instanceof Type.Int i && i.signed() && size < 8) {
            asm.alu64Imm(Op.LSH, dst, 64 - size * 8).alu64Imm(Op.ARSH, dst, 64 - size * 8);
        }
    }

    private void cast(Expr.Cast c) {
        toR0(c.operand());
        Type t = g.type(c);
        if (t instanceof Type.Int i && i.size() < 8) {
            int bits = 64 - i.size() * 8;
            asm.alu64Imm(Op.LSH, Reg.R0, bits).alu64Imm(i.signed() ? Op.ARSH : Op.RSH, Reg.R0, bits);
        }
    }

    private void tuple(Expr.Tuple tu, Type.Tuple t, int off) {
        for (int i = 0; i < tu.elems().size(); i++) {
            Expr el = tu.elems().get(i);
            int at = off + t.offsetOf(i);
            into(el, at, Type.align8(t.elements().get(i).size()));
        }
    }

    private void tupleIndex(Expr.TupleIndex ti, int off) {
        int mark = g.frame.mark();
        Type.Tuple t = (Type.Tuple) g.type(ti.target());
        int slot = toStack(ti.target());
        int at = slot + t.offsetOf(ti.index());
        Type el = t.elements().get(ti.index());
        if (off == NO_SLOT) asm.load(8, Reg.R0, Reg.FP, at);
        else copyPadded(off, g.type(ti).size(), at, el.size());
        g.frame.release(mark);
    }
}
