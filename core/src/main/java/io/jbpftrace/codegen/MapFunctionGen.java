package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.passes.MapFunctions;

/** has_key(@m, key) and len(@m), into R0. */
final class MapFunctionGen {
    private final GenState g;
    private final MapGen maps;
    private final ForLoopGen loops;

    MapFunctionGen(GenState g, MapGen maps, ForLoopGen loops) {
        this.g = g;
        this.maps = maps;
        this.loops = loops;
    }

    /** A lookup of the key, without reading the value: R0 = 1 when found. */
    void hasKey(Expr.Call c) {
        int mark = g.frame.mark();
        Expr.MapRef ref = MapFunctions.lookupRef(c);
        int key = maps.key(ref);
        g.asm.ldMap(Reg.R1, g.analysis.map(ref.name()).id());
        g.stackPtr(Reg.R2, key);
        g.asm.call(Helper.MAP_LOOKUP_ELEM);
        Label absent = g.asm.newLabel("nokey");
        g.asm.jumpIf(Op.JEQ, Reg.R0, 0, absent).mov(Reg.R0, 1).bind(absent);
        g.frame.release(mark);
    }

    /** bpf_for_each_map_elem returns how many elements it visited: with a callback that never stops, all of them. */
    void len(Expr.Call c) {
        Expr.MapRef m = (Expr.MapRef) c.args().get(0);
        g.asm.ldMap(Reg.R1, g.analysis.map(m.name()).id()).ldFunc(Reg.R2, loops.continueCallback());
        g.asm.mov(Reg.R3, 0).mov(Reg.R4, 0).call(Helper.FOR_EACH_MAP_ELEM);
    }
}
