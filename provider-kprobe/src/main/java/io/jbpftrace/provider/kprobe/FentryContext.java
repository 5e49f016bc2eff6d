package io.jbpftrace.provider.kprobe;

import io.jbpftrace.bpf.Op;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The context of an fentry/fexit program: the function's arguments as an array of u64, argument i
 * at byte 8*i, and on exit the return value in the slot after the last argument. The verifier types
 * each slot from BTF and accepts only loads at those 8-byte-aligned offsets, so arguments are read
 * straight from the context; a pointer argument is then dereferenced with probe reads as usual.
 */
final class FentryContext {
    /** x86-64's BPF trampoline passes at most six register arguments (Linux 6.1). */
    static final int MAX_ARGS = 6;

    private FentryContext() {}

    /** {@code args}: one field per parameter, typed from BTF, at its slot. */
    static Type.Record args(Btf.FuncProto proto) {
        List<Type.Field> fields = new ArrayList<>();
        for (int i = 0; i < proto.params().size(); i++) {
            Btf.FuncProto.Param p = proto.params().get(i);
            if (!p.name().isEmpty() && fitsASlot(p.type())) fields.add(new Type.Field(p.name(), 8 * i, p.type()));
        }
        return new Type.Record("struct " + proto.name() + "_args", List.copyOf(fields), 8 * proto.params().size());
    }

    /** {@code retval}: the return value, typed from BTF, sign-extended like any signed integer. */
    static Builtin retval(Btf.FuncProto proto) throws ProbeException {
        Type type = proto.returnType();
        if (type instanceof Type.Void) throw new ProbeException(proto.name() + " returns void: there is no retval");
        if (!fitsASlot(type)) throw new ProbeException(proto.name() + " returns a " + type.size() + "-byte value, which retval cannot read");
        int offset = 8 * proto.params().size();
        int size = type.size();
        boolean signed = type instanceof Type.Int i && i.signed();
        return new Builtin(type, (asm, ctx, dst) -> {
            asm.load(size, dst, ctx, offset);
            if (signed && size < 8) asm.alu64Imm(Op.LSH, dst, 64 - 8 * size).alu64Imm(Op.ARSH, dst, 64 - 8 * size);
        });
    }

    /** Whether fentry can take the function: few enough arguments, each (and the result) in one register. */
    static boolean attachable(Btf.FuncProto proto) {
        if (proto.params().size() > MAX_ARGS) return false;
        if (!(proto.returnType() instanceof Type.Void) && !fitsASlot(proto.returnType())) return false;
        return proto.params().stream().allMatch(p -> fitsASlot(p.type()));
    }

    /** Integers (enums, bools) and pointers; structs passed by value are not read. */
    private static boolean fitsASlot(Type t) {
        return t instanceof Type.Pointer || (t instanceof Type.Int && t.size() <= 8);
    }
}
