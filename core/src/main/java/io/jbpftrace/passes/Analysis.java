package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.types.Type;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The semantic pass's result: probe instances, every map's signature, and each expression's type per instance. */
public record Analysis(List<ProbeInstance> instances, Map<String, MapInfo> maps, List<IdentityHashMap<Expr, Type>> exprTypes,
                       List<Integer> stackDepths, IdentityHashMap<Expr, Long> constants) {

    /** The value of a compile-time constant expression (sizeof, offsetof, kaddr, cgroupid). */
    public long constant(Expr e) { return constants.get(e); }

    /** Whether {@code e} is a compile-time constant (also: an identifier naming a macro or an enumerator). */
    public boolean isConstant(Expr e) { return constants.containsKey(e); }

    /** Map index of the stack map keeping {@code frames} frames: after the user maps and the ring buffer. */
    public int stackMapIndex(int frames) {
        return maps.size() + 1 + stackDepths.indexOf(frames);
    }

    public Type typeOf(ProbeInstance instance, Expr e) {
        Type t = exprTypes.get(instance.index()).get(e);
        if (t == null) throw new IllegalStateException("untyped expression at " + e.pos());
        return t;
    }

    public MapInfo map(String name) { return maps.get(name); }

    /** Map index of the main output ring buffer: right after the user maps. */
    public int outputRing() { return maps.size(); }

    /**
     * Map index of BEGIN's own ring buffer, after the stack maps. BEGIN runs after every probe is
     * attached, yet its output must come first; a ring of its own lets userspace read it first.
     */
    public int beginRing() { return maps.size() + 1 + stackDepths.size(); }

    /** Map index of the one-slot array counting events a full ring dropped. */
    public int lostEvents() { return beginRing() + 1; }
}
