package io.jbpftrace.passes;

import io.jbpftrace.types.Type;
import java.util.stream.Collectors;

/** Type names as bpftrace prints them in diagnostics ({@code int64}, {@code string[16]}). */
public final class Types {
    private Types() {}

    public static String name(Type t) {
        if (t instanceof Type.Int i) return (i.signed() ? "int" : "unsigned int") + i.size() * 8;
        if (t instanceof Type.Str s) return "string[" + s.size() + "]";
        if (t instanceof Type.Pointer p) return name(p.target()) + " *";
        if (t instanceof Type.Array a) return name(a.element()) + "[" + a.length() + "]";
        if (t instanceof Type.DataLoc d) return name(d.element()) + "[]";
        if (t instanceof Type.Record r) return "struct " + r.name();
        if (t instanceof Type.ProbeName) return "probe";
        if (t instanceof Type.Stack st) return st.user() ? "ustack" : "kstack";
        if (t instanceof Type.Symbol sy) return sy.user() ? "usym" : "ksym";
        if (t instanceof Type.Printable pr) return pr.kind().equals("time") ? "timestamp" : pr.kind();
        if (t instanceof Type.Tuple tu) return tu.elements().stream().map(Types::name).collect(Collectors.joining(",", "(", ")"));
        return "none";
    }

    /** A map key's type as bpftrace lists it: integer keys are stored as 64-bit unsigned values. */
    public static String keyName(Type t) { return t instanceof Type.Int ? "unsigned int64" : name(t); }

    public static boolean isInt(Type t) { return t instanceof Type.Int || t instanceof Type.Pointer; }

    /** Values kept in a register and an 8-byte slot: integers, pointers, probe names, stack ids. */
    public static boolean isScalar(Type t) { return isInt(t) || t instanceof Type.ProbeName || t instanceof Type.Stack || t instanceof Type.Symbol; }

    /** Strings in any form: string values and char arrays. */
    public static boolean isString(Type t) { return t instanceof Type.Str; }

    /** Same kind of value, so a map or variable may hold both (strings of any size, ints of any size). */
    public static boolean compatible(Type a, Type b) {
        if (a instanceof Type.Str && b instanceof Type.Str) return true;
        if (a instanceof Type.Int && b instanceof Type.Int) return true;
        if (a instanceof Type.Tuple ta && b instanceof Type.Tuple tb) {
            if (ta.elements().size() != tb.elements().size()) return false;
            for (int i = 0; i < ta.elements().size(); i++) if (!compatible(ta.elements().get(i), tb.elements().get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    /** The wider of two compatible types, so every store fits the slot. */
    public static Type widest(Type a, Type b) {
        if (a instanceof Type.Str sa && b instanceof Type.Str sb) return sa.size() >= sb.size() ? sa : sb;
        if (a instanceof Type.Int ia && b instanceof Type.Int ib) return ia.size() >= ib.size() ? ia : ib;
        return a;
    }
}
