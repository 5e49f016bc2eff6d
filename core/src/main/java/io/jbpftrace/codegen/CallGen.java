package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;

/**
 * Lowers function calls used as values: integer results into R0, str() and the printable values
 * (ntop, macaddr, buf, strftime, ...) into the stack slot {@link ExprGen#into} gives.
 */
final class CallGen {
    private final GenState g;
    private final ExprGen exprs;
    private final Asm asm;

    CallGen(GenState g, ExprGen exprs) {
        this.g = g;
        this.exprs = exprs;
        this.asm = g.asm;
    }

    /** Calls that produce an integer-like value. */
    void call(Expr.Call c) {
        switch (c.name()) {
            case "ksym" -> exprs.toR0(c.args().get(0));
            case "reg" -> asm.load(8, Reg.R0, g.ctx(), io.jbpftrace.spi.PtRegs.offsetOf(((Expr.StrLit) c.args().get(0)).value()));
            case "kaddr", "cgroupid" -> exprs.loadConst(g.analysis.constant(c));
            case "uptr", "kptr" -> exprs.toR0(c.args().get(0));
            case "bswap" -> {
                exprs.toR0(c.args().get(0));
                int size = g.type(c).size();
                if (size == 1) asm.alu64Imm(Op.AND, Reg.R0, 0xff);
                else asm.swapBytes(Reg.R0, size * 8);
            }
            case "uaddr" -> symbolAddress(c).code().emit(asm, g.ctx(), Reg.R0);
            case "has_key" -> exprs.mapFunctions.hasKey(c);
            case "len" -> exprs.mapFunctions.len(c);
            case "strcontains" -> new StrContainsGen(g, exprs).contains(c.args().get(0), c.args().get(1));
            case "strncmp" -> {
                exprs.compareStrings(c.args().get(0), c.args().get(1), (int) ((Expr.IntLit) c.args().get(2)).value());
                asm.alu64Imm(Op.XOR, Reg.R0, 1); // strncmp is 0 when equal
            }
            default -> throw g.ctx.error(c, c.name() + "() can not be used as a value here");
        }
    }

    private Builtin symbolAddress(Expr.Call c) {
        try {
            return g.instance.provider().symbolAddress(((Expr.StrLit) c.args().get(0)).value(), g.instance.target()).orElseThrow();
        } catch (ProbeException ex) {
            throw g.ctx.error(c, ex.getMessage());
        }
    }

    /** str(ptr [, len]): zero the slot first so equal strings make equal map keys. */
    void str(Expr.Call c, int off, int size) {
        Expr arg = c.args().get(0);
        Type at = g.type(arg);
        if (ExprGen.inMemory(at)) {
            exprs.into(arg, off, Math.min(size, g.type(c).size())); // a string already in memory keeps max_strlen - 1 characters
            if (c.args().size() == 2 && c.args().get(1) instanceof Expr.IntLit n && n.value() < size) {
                asm.storeImm(1, Reg.FP, off + (int) Math.max(0, n.value()), 0); // str(s, n) keeps n characters
            }
            return;
        }
        g.zero(off, size);
        int limit = Math.min(size, g.ctx.config().maxStrlen());
        exprs.toR0(arg);
        int ptr = g.frame.alloc(8);
        asm.store(8, Reg.FP, ptr, Reg.R0);
        if (c.args().size() == 2) {
            exprs.toR0(c.args().get(1));
            asm.mov(Reg.R2, Reg.R0);
            Label ok = asm.newLabel("strlen");
            asm.jumpIf(Op.JLE, Reg.R2, limit, ok).mov(Reg.R2, limit).bind(ok);
        } else {
            asm.mov(Reg.R2, limit);
        }
        asm.load(8, Reg.R3, Reg.FP, ptr);
        g.stackPtr(Reg.R1, off);
        exprs.checkedRead(c, ExprGen.readHelper(at, Helper.PROBE_READ_USER_STR, Helper.PROBE_READ_KERNEL_STR, Helper.PROBE_READ_STR));
    }

    /** ntop, macaddr, buf, strftime: raw bytes laid out for userspace to print (see Type.Printable). */
    void printable(String name, Expr.Call c, int off) {
        Type.Printable t = (Type.Printable) (c != null ? g.type(c) : new Type.Printable(name, 8, null));
        g.zero(off, t.size());
        switch (t.kind()) {
            case "inet" -> {
                Expr addr = c.args().get(c.args().size() - 1);
                Type at = g.type(addr);
                if (c.args().size() == 2) exprs.toR0(c.args().get(0));
                else asm.mov(Reg.R0, at.size() == 16 && !(at instanceof Type.Int) ? 10 : 2); // AF_INET6 for 16 bytes, else AF_INET
                asm.store(8, Reg.FP, off, Reg.R0);
                if (at instanceof Type.Array a) readArray(addr, off + 8, Math.min(a.size(), 16));
                else if (at instanceof Type.Str) exprs.into(addr, off + 8, 16); // a byte array field (u8 addr[16])
                else {
                    exprs.toR0(addr);
                    asm.store(4, Reg.FP, off + 8, Reg.R0);
                }
            }
            case "mac" -> {
                if (g.type(c.args().get(0)) instanceof Type.Str) exprs.into(c.args().get(0), off, 8); // a char array field
                else readArray(c.args().get(0), off, 6);
            }
            case "buf" -> {
                int max = t.size() - 8;
                asm.mov(Reg.R0, c.args().size() == 2 ? (int) Math.min(((Expr.IntLit) c.args().get(1)).value(), max) : max);
                asm.store(8, Reg.FP, off, Reg.R0);
                if (c.args().get(0) instanceof Expr.StrLit lit) { // raw bytes: no terminator takes the last place
                    exprs.storeBytes(lit.value(), off + 8, max, max);
                    return;
                }
                if (g.type(c.args().get(0)) instanceof Type.Str) { // an array already read: copy its bytes
                    exprs.into(c.args().get(0), off + 8, max);
                    return;
                }
                exprs.toR0(c.args().get(0));
                asm.mov(Reg.R3, Reg.R0);
                g.stackPtr(Reg.R1, off + 8);
                asm.load(8, Reg.R2, Reg.FP, off);
                asm.call(ExprGen.readHelper(g.type(c.args().get(0)), Helper.PROBE_READ_USER, Helper.PROBE_READ_KERNEL, Helper.PROBE_READ));
            }
            case "time" -> {
                exprs.toR0(c.args().get(1));
                asm.store(8, Reg.FP, off, Reg.R0);
            }
            case "cgroup_path" -> { // the id; userspace finds its paths
                exprs.toR0(c.args().get(0));
                asm.store(8, Reg.FP, off, Reg.R0);
            }
            case "usym" -> { // the address, and whose address space it belongs to
                exprs.toR0(c.args().get(0));
                asm.store(8, Reg.FP, off, Reg.R0);
                asm.call(Helper.GET_CURRENT_PID_TGID).alu64Imm(Op.RSH, Reg.R0, 32);
                asm.store(8, Reg.FP, off + 8, Reg.R0);
            }
            case "username" -> {
                asm.call(Helper.GET_CURRENT_UID_GID).mov32(Reg.R0, Reg.R0);
                asm.store(8, Reg.FP, off, Reg.R0);
            }
            default -> throw new IllegalStateException(t.kind());
        }
    }

    /** Copies the bytes of an array-typed expression (a record field or a pointer's target) into a slot. */
    private void readArray(Expr e, int off, int size) {
        if (e instanceof Expr.Field f && g.type(f.target()) instanceof Type.Record rec) {
            Type.Field field = rec.field(f.field()).orElseThrow();
            asm.mov(Reg.R3, g.ctx()).add(Reg.R3, field.offset());
        } else {
            exprs.toR0(e);
            asm.mov(Reg.R3, Reg.R0);
        }
        g.stackPtr(Reg.R1, off);
        asm.mov(Reg.R2, size);
        asm.call(Helper.PROBE_READ_KERNEL);
    }}
