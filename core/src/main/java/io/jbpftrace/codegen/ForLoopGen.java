package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.kernel.Bpf;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.passes.AggKind;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.types.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code for ($kv : @map) { body }}: bpf_for_each_map_elem calls the body, compiled as a callback
 * subprogram, once per element: callback(map, key*, value*, ctx*) returns 0 to go on, 1 to stop.
 * <p>
 * The caller passes its own frame pointer as the callback's ctx, after spilling the probe context
 * and clearing a "returned" word there. The callback, emitted after the main program with a frame of
 * its own, copies the probe's variables in from that frame and back out when it returns, so the body
 * can read and assign them; it rebuilds the probe context register, so builtins work in the body.
 * {@code return} and {@code exit()} in the body set the returned word, and the caller then leaves too.
 */
final class ForLoopGen {
    private final GenState g;
    private final Asm asm;
    private final ProgramGen program;
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** A loop whose callback is still to be emitted; offsets are in the caller's frame. */
    private record Pending(Stmt.For loop, Label entry, Map<String, Integer> outerSlots, Map<String, Integer> outerSizes,
                           int ctxSpill, int returned, Frame caller) {}

    private Label continueCallback;

    /** Each callback's frame and its caller's: the kernel limits their sum along a call chain. */
    private final Map<Frame, Frame> callers = new HashMap<>();

    ForLoopGen(GenState g, ProgramGen program) {
        this.g = g;
        this.asm = g.asm;
        this.program = program;
    }

    /** The call in the current function. */
    void call(Stmt.For f) {
        int mark = g.frame.mark();
        int ctxSpill = g.frame.alloc(8), returned = g.frame.alloc(8);
        Label entry = asm.newLabel("for_body");
        pending.add(new Pending(f, entry, new HashMap<>(g.varSlots), new HashMap<>(g.varSizes), ctxSpill, returned, g.frame));
        asm.store(8, Reg.FP, ctxSpill, g.ctx()).storeImm(8, Reg.FP, returned, 0);
        asm.ldMap(Reg.R1, g.analysis.map(f.map().name()).id()).ldFunc(Reg.R2, entry);
        asm.mov(Reg.R3, Reg.FP).mov(Reg.R4, 0).call(Helper.FOR_EACH_MAP_ELEM);
        asm.load(8, Reg.R0, Reg.FP, returned).jumpIf(Op.JNE, Reg.R0, 0, g.exit);
        g.frame.release(mark);
    }

    /** A callback that only returns 0 ("go on"), emitted once per program: len() counts with it. */
    Label continueCallback() {
        if (continueCallback == null) continueCallback = asm.newLabel("continue_cb");
        return continueCallback;
    }

    /** Emits the callbacks of the loops met so far, and of loops inside them; call after the main program. */
    void emitCallbacks() {
        while (!pending.isEmpty()) callback(pending.poll());
        if (continueCallback != null) asm.subprogram(continueCallback).mov(Reg.R0, 0).exit();
        for (Frame f : callers.keySet()) {
            int chain = chainDepth(f);
            if (chain > Frame.LIMIT) throw new Frame.StackOverflow(chain);
        }
    }

    /** Stack of a call chain as the verifier counts it: each frame rounded up to 32 bytes. */
    private int chainDepth(Frame f) {
        int own = (Math.max(f.peak(), 1) + 31) & ~31;
        return callers.containsKey(f) ? own + chainDepth(callers.get(f)) : own;
    }

    private void callback(Pending p) {
        g.frame = new Frame();
        callers.put(g.frame, p.caller());
        g.varSlots = new HashMap<>();
        g.varSizes = new HashMap<>();
        g.loops = new ArrayDeque<>();
        Label next = asm.newLabel("for_next"), stop = asm.newLabel("for_break"), done = asm.newLabel("for_done");
        g.exit = asm.newLabel("for_return");
        asm.subprogram(p.entry());
        int parent = g.frame.alloc(8), result = g.frame.alloc(8);
        asm.store(8, Reg.FP, parent, Reg.R4);
        element(p.loop(), Reg.R2, Reg.R3);
        for (String name : p.outerSlots().keySet()) {
            int size = p.outerSizes().get(name), local = g.frame.alloc(size);
            asm.load(8, Reg.R1, Reg.FP, parent);
            copy(Reg.R1, p.outerSlots().get(name), Reg.FP, local, size);
            g.varSlots.put(name, local);
            g.varSizes.put(name, size);
        }
        asm.load(8, Reg.R1, Reg.FP, parent).load(8, g.ctx(), Reg.R1, p.ctxSpill());
        g.loops.push(new Label[] {next, stop});
        program.allocateVariables(p.loop().body());
        boolean leaves = program.block(p.loop().body());
        if (!leaves || asm.isReferenced(next)) asm.bind(next).mov(Reg.R0, 0).jump(done);
        if (asm.isReferenced(stop)) asm.bind(stop).mov(Reg.R0, 1).jump(done);
        if (asm.isReferenced(g.exit)) {
            asm.bind(g.exit).load(8, Reg.R1, Reg.FP, parent).storeImm(8, Reg.R1, p.returned(), 1).mov(Reg.R0, 1);
        }
        asm.bind(done).store(8, Reg.FP, result, Reg.R0).load(8, Reg.R1, Reg.FP, parent);
        for (String name : p.outerSlots().keySet()) {
            copy(Reg.FP, g.varSlots.get(name), Reg.R1, p.outerSlots().get(name), p.outerSizes().get(name));
        }
        asm.load(8, Reg.R0, Reg.FP, result).exit();
    }

    /** $kv = (key, value) from the callback's key and value pointers; per-CPU values merged over CPUs. */
    private void element(Stmt.For f, Reg key, Reg value) {
        MapInfo info = g.analysis.map(f.map().name());
        Type.Tuple kv = (Type.Tuple) g.type(f.var());
        int slot = g.frame.alloc(kv.size()), valueAt = slot + kv.offsetOf(1);
        g.varSlots.put(f.var().name(), slot);
        g.varSizes.put(f.var().name(), kv.size());
        copy(key, 0, Reg.FP, slot, info.userKeySize());
        if (info.kind() == AggKind.VALUE) copy(value, 0, Reg.FP, valueAt, info.valueSize());
        else mergeCpus(info, slot, valueAt);
    }

    /**
     * The callback's value pointer is this CPU's copy only: look the key up on every possible CPU,
     * summing counts and sums, keeping the smallest/largest set min/max. R7 accumulates, R8 counts
     * CPUs, R9 says whether a min/max was seen.
     */
    private void mergeCpus(MapInfo info, int keySlot, int valueAt) {
        Label loop = asm.newLabel("cpu"), skip = asm.newLabel("cpu_next"), end = asm.newLabel("cpu_end");
        boolean extreme = info.kind() == AggKind.MIN || info.kind() == AggKind.MAX;
        asm.mov(Reg.R7, 0).mov(Reg.R8, 0).mov(Reg.R9, 0);
        asm.bind(loop).jumpIf(Op.JGE, Reg.R8, Bpf.possibleCpus(), end);
        asm.ldMap(Reg.R1, info.id());
        g.stackPtr(Reg.R2, keySlot);
        asm.mov(Reg.R3, Reg.R8).call(Helper.MAP_LOOKUP_PERCPU_ELEM);
        asm.jumpIf(Op.JEQ, Reg.R0, 0, skip);
        if (extreme) {
            Label take = asm.newLabel("cpu_take");
            asm.load(8, Reg.R1, Reg.R0, 8).jumpIf(Op.JEQ, Reg.R1, 0, skip);
            asm.load(8, Reg.R1, Reg.R0, 0).jumpIf(Op.JEQ, Reg.R9, 0, take);
            asm.jumpIf(info.kind() == AggKind.MIN ? Op.JSGE : Op.JSLE, Reg.R1, Reg.R7, skip);
            asm.bind(take).mov(Reg.R7, Reg.R1).mov(Reg.R9, 1);
        } else {
            asm.load(8, Reg.R1, Reg.R0, 0).alu64Reg(Op.ADD, Reg.R7, Reg.R1);
        }
        asm.bind(skip).add(Reg.R8, 1).jump(loop);
        asm.bind(end).store(8, Reg.FP, valueAt, Reg.R7);
    }

    /** Copies {@code size} bytes (a multiple of 8) between two bases, through R0. */
    private void copy(Reg from, int fromOff, Reg to, int toOff, int size) {
        for (int i = 0; i < size; i += 8) asm.load(8, Reg.R0, from, fromOff + i).store(8, to, toOff + i, Reg.R0);
    }
}
