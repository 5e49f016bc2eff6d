package io.jbpftrace.spi;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.types.Type;

/**
 * A builtin variable a provider serves for its probes ({@code args}, {@code retval}, {@code arg0} ...).
 * Either a record that lives in the program context (tracepoint {@code args}: the compiler reads its
 * fields straight from the context), or a value computed by {@link Code}.
 */
public record Builtin(Type type, Code code) {

    /** Emits instructions that leave the builtin's value in {@code dst}; {@code ctx} holds the context pointer. */
    @FunctionalInterface
    public interface Code {
        void emit(Asm asm, Reg ctx, Reg dst);
    }

    public static Builtin contextRecord(Type.Record record) { return new Builtin(record, null); }

    public boolean inContext() { return code == null; }
}
