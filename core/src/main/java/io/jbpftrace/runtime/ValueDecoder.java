package io.jbpftrace.runtime;

import io.jbpftrace.output.MapValue;
import io.jbpftrace.symbols.StackTrace;
import io.jbpftrace.types.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/** Turns bytes written by BPF programs back into Java values: Long, String, StackTrace, or a List for tuples. */
public final class ValueDecoder {
    private final IntFunction<String> probeNames;
    private final BiFunction<Type.Stack, Long, StackTrace> stacks;

    public ValueDecoder(IntFunction<String> probeNames, BiFunction<Type.Stack, Long, StackTrace> stacks) {
        this.probeNames = probeNames;
        this.stacks = stacks;
    }

    public static ByteBuffer le(byte[] bytes) { return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN); }

    /** The {@code length} bytes at {@code off} as a buffer of their own (index 0 is {@code bytes[off]}). */
    public static ByteBuffer le(byte[] bytes, int off, int length) {
        return ByteBuffer.wrap(bytes, off, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The 8 little-endian bytes at {@code off} (an integer slot as BPF programs write them). */
    public static long u64(byte[] bytes, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (bytes[off + i] & 0xff);
        return v;
    }

    /** Whether {@link #decode} returns a type's value as the Long in its 8-byte slot. */
    public static boolean isPlainLong(Type t) {
        return !(t instanceof Type.Str || t instanceof Type.ProbeName || t instanceof Type.Stack || t instanceof Type.Printable
                || t instanceof Type.Symbol sy && !sy.user() || t instanceof Type.Tuple);
    }

    /** Decodes a value of type {@code t} at {@code off}; integers occupy 8 bytes, already sign/zero extended. */
    public Object decode(ByteBuffer buf, int off, Type t) {
        if (isPlainLong(t)) return buf.getLong(off);
        if (t instanceof Type.Str s) return string(buf, off, s.size());
        if (t instanceof Type.ProbeName) return probeNames.apply((int) buf.getLong(off));
        if (t instanceof Type.Stack st) return stacks.apply(st, buf.getLong(off));
        if (t instanceof Type.Printable p) return Printables.text(p, buf, off);
        if (t instanceof Type.Symbol sy && !sy.user()) return io.jbpftrace.symbols.KernelSymbols.get().resolve(buf.getLong(off), false);
        if (t instanceof Type.Tuple tu) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < tu.elements().size(); i++) out.add(decode(buf, off + tu.offsetOf(i), tu.elements().get(i)));
            return out;
        }
        throw new IllegalStateException("no decoding for " + t);
    }

    public static String string(ByteBuffer buf, int off, int max) {
        int end = off;
        int limit = Math.min(buf.limit(), off + max);
        while (end < limit && buf.get(end) != 0) end++;
        byte[] bytes = new byte[end - off];
        buf.get(off, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Stacks print their frames indented by {@code indent} (4 as map keys, 8 as map values and in printf). */
    public static Object printable(Object value, int indent) {
        if (value instanceof StackTrace st) return st.format(indent);
        if (value instanceof List<?> list) return list.stream().map(v -> printable(v, indent)).toList();
        return value;
    }

    /** A decoded plain value as a printable map value (tuples nest). */
    public static MapValue toMapValue(Object o, Type t) {
        if (o instanceof String s) return new MapValue.Str(s);
        if (o instanceof List<?> list) return new MapValue.Tuple(tupleElements(list));
        return new MapValue.Int((Long) o, !(t instanceof Type.Int i) || i.signed());
    }

    private static List<Object> tupleElements(List<?> list) {
        return list.stream().map(e -> e instanceof List<?> l ? (Object) new MapValue.Tuple(tupleElements(l)) : e).toList();
    }

    /** Decodes the values laid out one after another, each 8-byte aligned. */
    public List<Object> decodeAll(ByteBuffer buf, int off, List<Type> types) {
        List<Object> out = new ArrayList<>(types.size());
        for (Type t : types) {
            out.add(decode(buf, off, t));
            off += Type.align8(t.size());
        }
        return out;
    }
}
