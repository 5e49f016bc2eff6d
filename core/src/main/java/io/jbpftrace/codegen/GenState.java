package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.passes.Analysis;
import io.jbpftrace.passes.CompileContext;
import io.jbpftrace.passes.ProbeInstance;
import io.jbpftrace.passes.StructTypes;
import io.jbpftrace.types.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the generators of one program share. Register use: R6 holds the context for the whole
 * program (when used); R0-R5 are scratch (helpers clobber them); R7 carries an aggregation's
 * argument across helper calls; R9 is for a single expression node that calls two helpers;
 * intermediate values otherwise live in stack slots.
 */
final class GenState {
    static final Reg CTX = Reg.R6;

    final Asm asm = new Asm();
    // The next five change while a for-loop's callback is generated (see ForLoopGen).
    Frame frame = new Frame();
    final CompileContext ctx;
    final Analysis analysis;
    final ProbeInstance instance;
    final OutputTable output;
    final int ringbufMap;
    Label exit = asm.newLabel("exit");
    Map<String, Integer> varSlots = new HashMap<>();
    Map<String, Integer> varSizes = new HashMap<>(); // bytes of each slot, 8-byte multiples
    Deque<Label[]> loops = new ArrayDeque<>(); // {continue, break}
    final StructTypes structs;
    final HelperChecks checks = new HelperChecks(this);
    /** The node whose code is being generated, for -k/-kk warnings. */
    Node site;
    /** Whether any code read the context register; if not, the prologue's copy of it is dropped. */
    private boolean ctxUsed;

    GenState(CompileContext ctx, Analysis analysis, ProbeInstance instance, OutputTable output, int ringbufMap) {
        this.ctx = ctx;
        this.analysis = analysis;
        this.instance = instance;
        this.output = output;
        this.ringbufMap = ringbufMap;
        this.structs = new StructTypes(ctx.program().structs());
    }

    /** The register holding the probe context (saved by the prologue only if this was asked for). */
    Reg ctx() {
        ctxUsed = true;
        return CTX;
    }

    boolean ctxUsed() { return ctxUsed; }

    Type type(Expr e) { return analysis.typeOf(instance, e); }

    /** R1 = R10 + off, the usual way to pass a stack buffer to a helper. */
    void stackPtr(Reg dst, int off) {
        asm.mov(dst, Reg.FP).add(dst, off);
    }

    /** Zero-fills a stack slot (slots are 8-byte aligned). */
    void zero(int off, int size) {
        for (int i = 0; i < size; i += 8) asm.storeImm(8, Reg.FP, off + i, 0);
    }

    /** Copies {@code size} bytes between 8-byte aligned stack slots. */
    void copy(int dstOff, int srcOff, int size) {
        for (int i = 0; i < size; i += 8) {
            asm.load(8, Reg.R0, Reg.FP, srcOff + i);
            asm.store(8, Reg.FP, dstOff + i, Reg.R0);
        }
    }
}
