package io.jbpftrace.spi;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.types.Type;

/**
 * A builtin variable a provider serves for its probes ({@code args}, {@code retval}, {@code arg0},
 * {@code func} ...). One of three kinds:
 * <ul>
 *   <li>a record that lives in the program context (tracepoint {@code args}: the compiler reads its
 *       fields straight from the context) — {@link #contextRecord};</li>
 *   <li>a value computed into a register by {@link Code};</li>
 *   <li>a string known when compiling, e.g. the traced function's name — {@link #constant}.</li>
 * </ul>
 */
public record Builtin(Type type, Code code, String constant) {

    /**
     * Emits instructions that leave the builtin's value in {@code dst}; {@code ctx} holds the context
     * pointer. R0-R5 may be clobbered, and the 8 bytes at R10-8 are free scratch memory.
     */
    @FunctionalInterface
    public interface Code {
        void emit(Asm asm, Reg ctx, Reg dst);
    }

    public Builtin(Type type, Code code) { this(type, code, null); }

    public static Builtin contextRecord(Type.Record record) { return new Builtin(record, null, null); }

    public static Builtin constant(String value) { return new Builtin(new Type.Str(value.length() + 1), null, value); }

    public boolean inContext() { return code == null && constant == null; }
}
