package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.passes.AggKind;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.types.Type;
import java.util.List;

/** Lowers map reads, writes, deletes and the aggregation functions. */
final class MapGen {
    private final GenState g;
    private final Asm asm;
    private final ExprGen exprs;

    MapGen(GenState g, ExprGen exprs) {
        this.g = g;
        this.asm = g.asm;
        this.exprs = exprs;
    }

    private MapInfo info(Expr.MapRef m) { return g.analysis.map(m.name()); }

    /** Builds the key of {@code m} in a new slot (bucket index space left for histograms; a key-less map's key is 0). */
    int key(Expr.MapRef m) {
        MapInfo info = info(m);
        int off = g.frame.alloc(info.keySize());
        if (m.keys().isEmpty()) {
            asm.storeImm(8, Reg.FP, off, 0);
            return off;
        }
        Type.Tuple layout = new Type.Tuple(info.keyTypes());
        List<Expr> keys = m.keys();
        for (int i = 0; i < keys.size(); i++) {
            exprs.into(keys.get(i), off + layout.offsetOf(i), Type.align8(info.keyTypes().get(i).size()));
        }
        return off;
    }

    /** R0 = pointer to the value of the key at {@code keyOff}, or 0. */
    private void lookup(MapInfo info, int keyOff) {
        asm.ldMap(Reg.R1, info.id());
        g.stackPtr(Reg.R2, keyOff);
        asm.call(Helper.MAP_LOOKUP_ELEM);
    }

    private void update(MapInfo info, int keyOff, int valueOff) {
        asm.ldMap(Reg.R1, info.id());
        g.stackPtr(Reg.R2, keyOff);
        g.stackPtr(Reg.R3, valueOff);
        asm.mov(Reg.R4, 0);
        g.checks.call(Helper.MAP_UPDATE_ELEM);
    }

    /** Integer read; an absent key reads as 0. */
    void readInt(Expr.MapRef m) {
        int mark = g.frame.mark();
        int key = key(m);
        lookup(info(m), key);
        Label none = asm.newLabel("nokey");
        asm.jumpIf(Op.JEQ, Reg.R0, 0, none).load(8, Reg.R0, Reg.R0, 0).bind(none);
        g.frame.release(mark);
    }

    /** String/tuple read into a slot; an absent key reads as zeros. */
    void readMemory(Expr.MapRef m, int off, int size) {
        int key = key(m);
        MapInfo info = info(m);
        lookup(info, key);
        g.zero(off, size);
        Label none = asm.newLabel("nokey");
        asm.jumpIf(Op.JEQ, Reg.R0, 0, none);
        asm.mov(Reg.R3, Reg.R0);
        g.stackPtr(Reg.R1, off);
        asm.mov(Reg.R2, Math.min(size, info.valueSize()));
        asm.call(Helper.PROBE_READ_KERNEL);
        asm.bind(none);
    }

    void assign(Expr.MapRef target, Expr value) {
        int mark = g.frame.mark();
        MapInfo info = info(target);
        if (info.kind() == AggKind.VALUE) {
            int val = g.frame.alloc(info.valueSize());
            exprs.into(value, val, info.valueSize());
            int key = key(target);
            update(info, key, val);
        } else {
            aggregate(info, target, (Expr.Call) value);
        }
        g.frame.release(mark);
    }

    void delete(Expr.MapRef target) {
        int mark = g.frame.mark();
        MapInfo info = info(target);
        int key = key(target);
        asm.ldMap(Reg.R1, info.id());
        g.stackPtr(Reg.R2, key);
        g.checks.call(Helper.MAP_DELETE_ELEM);
        g.frame.release(mark);
    }

    /**
     * Per-CPU aggregation: look the key up; update in place when present (R0 points at the value), else
     * insert the first value. R7 holds the argument.
     */
    private void aggregate(MapInfo info, Expr.MapRef target, Expr.Call call) {
        AggKind kind = info.kind();
        if (kind != AggKind.COUNT) {
            exprs.toR0(call.args().get(0));
            asm.mov(Reg.R7, Reg.R0);
        }
        if (info.bucketArray()) {
            bucketSlot(info);
            return;
        }
        int key;
        if (kind == AggKind.HIST || kind == AggKind.LHIST) {
            key = info.userKeySize() == 0 ? g.frame.alloc(info.keySize()) : key(target);
            if (kind == AggKind.HIST) log2Bucket(); else linearBucket(info.lhist());
            asm.store(8, Reg.FP, key + info.userKeySize(), Reg.R0);
        } else {
            key = key(target);
        }
        lookup(info, key);
        Label absent = asm.newLabel("absent"), done = asm.newLabel("aggdone");
        asm.jumpIf(Op.JEQ, Reg.R0, 0, absent);
        inPlace(kind);
        asm.jump(done).bind(absent);
        int val = g.frame.alloc(info.valueSize());
        firstValue(kind, val);
        update(info, key, val);
        asm.bind(done);
    }

    /** A key-less histogram in a per-CPU array: its bucket's slot always exists, so no insert path. */
    private void bucketSlot(MapInfo info) {
        int key = g.frame.alloc(8);
        if (info.kind() == AggKind.HIST) log2Bucket(); else linearBucket(info.lhist());
        asm.store(4, Reg.FP, key, Reg.R0);
        lookup(info, key);
        Label done = asm.newLabel("aggdone");
        asm.jumpIf(Op.JEQ, Reg.R0, 0, done);
        increment(0, 1);
        asm.bind(done);
    }

    private void inPlace(AggKind kind) {
        switch (kind) {
            case COUNT, HIST, LHIST -> increment(0, 1);
            case SUM -> addR7(0);
            case AVG, STATS -> {
                increment(0, 1);
                addR7(8);
            }
            case MIN, MAX -> {
                Label keep = asm.newLabel("keep"), store = asm.newLabel("store");
                asm.load(8, Reg.R1, Reg.R0, 8).jumpIf(Op.JEQ, Reg.R1, 0, store);
                asm.load(8, Reg.R1, Reg.R0, 0);
                asm.jumpIf(kind == AggKind.MIN ? Op.JSGE : Op.JSLE, Reg.R7, Reg.R1, keep);
                asm.bind(store).store(8, Reg.R0, 0, Reg.R7).storeImm(8, Reg.R0, 8, 1).bind(keep);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void increment(int off, int by) {
        asm.load(8, Reg.R1, Reg.R0, off).add(Reg.R1, by).store(8, Reg.R0, off, Reg.R1);
    }

    private void addR7(int off) {
        asm.load(8, Reg.R1, Reg.R0, off).alu64Reg(Op.ADD, Reg.R1, Reg.R7).store(8, Reg.R0, off, Reg.R1);
    }

    private void firstValue(AggKind kind, int val) {
        switch (kind) {
            case COUNT, HIST, LHIST -> asm.storeImm(8, Reg.FP, val, 1);
            case SUM -> asm.store(8, Reg.FP, val, Reg.R7);
            case AVG, STATS -> asm.storeImm(8, Reg.FP, val, 1).store(8, Reg.FP, val + 8, Reg.R7);
            case MIN, MAX -> asm.store(8, Reg.FP, val, Reg.R7).storeImm(8, Reg.FP, val + 8, 1);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** R0 = hist bucket of R7: 0 negative, 1 zero, 2 + floor(log2(v)) otherwise. */
    private void log2Bucket() {
        Label done = asm.newLabel("log2");
        asm.mov(Reg.R0, 0).jumpIf(Op.JSLT, Reg.R7, 0, done);
        asm.mov(Reg.R0, 1).jumpIf(Op.JEQ, Reg.R7, 0, done);
        asm.mov(Reg.R1, Reg.R7).mov(Reg.R0, 2);
        // binary search for the highest set bit; 2^32 does not fit an immediate, so that step shifts first
        Label low = asm.newLabel("bit");
        asm.mov(Reg.R2, Reg.R1).alu64Imm(Op.RSH, Reg.R2, 32).jumpIf(Op.JEQ, Reg.R2, 0, low);
        asm.mov(Reg.R1, Reg.R2).add(Reg.R0, 32).bind(low);
        for (int shift = 16; shift >= 1; shift >>= 1) {
            Label skip = asm.newLabel("bit");
            asm.jumpIf(Op.JLT, Reg.R1, 1 << shift, skip).alu64Imm(Op.RSH, Reg.R1, shift).add(Reg.R0, shift).bind(skip);
        }
        asm.bind(done);
    }

    /** R0 = lhist bucket of R7: 0 below min, n+1 at or above max, else 1 + (v - min) / step. */
    private void linearBucket(long[] p) {
        long n = (p[1] - p[0]) / p[2];
        Label done = asm.newLabel("lhist");
        asm.ldImm64(Reg.R1, p[0]).mov(Reg.R0, 0).jumpIf(Op.JSLT, Reg.R7, Reg.R1, done);
        asm.ldImm64(Reg.R1, p[1]).ldImm64(Reg.R0, n + 1).jumpIf(Op.JSGE, Reg.R7, Reg.R1, done);
        asm.mov(Reg.R0, Reg.R7).ldImm64(Reg.R1, p[0]).alu64Reg(Op.SUB, Reg.R0, Reg.R1);
        asm.ldImm64(Reg.R1, p[2]).alu64Reg(Op.DIV, Reg.R0, Reg.R1).add(Reg.R0, 1);
        asm.bind(done);
    }
}
