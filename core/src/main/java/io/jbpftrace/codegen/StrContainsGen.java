package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;

/**
 * strcontains(haystack, needle): R0 = 1 when needle occurs in haystack (an empty needle always does).
 * A naive search in two bounded loops over the strings' stack copies; no helper is called, so it
 * keeps i in R1 and j in R2. Neither string is read past its NUL or its buffer.
 */
final class StrContainsGen {
    private final GenState g;
    private final ExprGen exprs;
    private final Asm asm;

    StrContainsGen(GenState g, ExprGen exprs) {
        this.g = g;
        this.exprs = exprs;
        this.asm = g.asm;
    }

    void contains(Expr haystack, Expr needle) {
        int mark = g.frame.mark();
        int h = exprs.toStack(haystack), n = exprs.toStack(needle);
        int hs = g.type(haystack).size(), ns = g.type(needle).size();
        Label outer = asm.newLabel("hay"), inner = asm.newLabel("needle"), nextStart = asm.newLabel("hay_next");
        Label found = asm.newLabel("found"), missing = asm.newLabel("missing"), done = asm.newLabel("contains");
        asm.mov(Reg.R1, 0);
        asm.bind(outer).jumpIf(Op.JGE, Reg.R1, hs, missing).mov(Reg.R2, 0);
        asm.bind(inner).jumpIf(Op.JGE, Reg.R2, ns, found);
        byteAt(Reg.R3, n, Reg.R2);
        asm.jumpIf(Op.JEQ, Reg.R3, 0, found);
        asm.mov(Reg.R4, Reg.R1).alu64Reg(Op.ADD, Reg.R4, Reg.R2).jumpIf(Op.JGE, Reg.R4, hs, missing);
        byteAt(Reg.R5, h, Reg.R4);
        asm.jumpIf(Op.JNE, Reg.R5, Reg.R3, nextStart);
        asm.add(Reg.R2, 1).jump(inner);
        asm.bind(nextStart);
        byteAt(Reg.R5, h, Reg.R1);
        asm.jumpIf(Op.JEQ, Reg.R5, 0, missing).add(Reg.R1, 1).jump(outer);
        asm.bind(found).mov(Reg.R0, 1).jump(done);
        asm.bind(missing).mov(Reg.R0, 0).bind(done);
        g.frame.release(mark);
    }

    /** dst = the byte at stack slot {@code slot} + index (index stays a bounded scalar). */
    private void byteAt(Reg dst, int slot, Reg index) {
        asm.mov(dst, Reg.FP).add(dst, slot).alu64Reg(Op.ADD, dst, index).load(1, dst, dst, 0);
    }
}
