package io.jbpftrace.passes;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.types.Type;
import java.util.Map;
import java.util.Optional;

/**
 * Builtins every probe has, served by the core after the probe's provider declined.
 * {@code comm} and {@code probe} are not computed into a register, so codegen handles them itself.
 * Integers are 64-bit unsigned, as bpftrace types them (its messages say 'unsigned int64' for pid).
 */
public final class CoreBuiltins {
    private CoreBuiltins() {}

    public static final Type COMM = new Type.Str(16);

    private static final Map<String, Builtin> ALL = Map.ofEntries(
            Map.entry("pid", helperBits(Helper.GET_CURRENT_PID_TGID, 32, Type.Int.U64)),
            Map.entry("tid", helperBits(Helper.GET_CURRENT_PID_TGID, 0, Type.Int.U64)),
            Map.entry("uid", helperBits(Helper.GET_CURRENT_UID_GID, 0, Type.Int.U64)),
            Map.entry("gid", helperBits(Helper.GET_CURRENT_UID_GID, 32, Type.Int.U64)),
            Map.entry("nsecs", helper(Helper.KTIME_GET_NS, Type.Int.U64)),
            Map.entry("cpu", helper(Helper.GET_SMP_PROCESSOR_ID, Type.Int.U64)),
            Map.entry("curtask", helper(Helper.GET_CURRENT_TASK, Type.Int.U64)),
            Map.entry("rand", helper(Helper.GET_PRANDOM_U32, Type.Int.U64)),
            Map.entry("cgroup", helper(Helper.GET_CURRENT_CGROUP_ID, Type.Int.U64)),
            Map.entry("comm", new Builtin(COMM, null)),
            Map.entry("probe", new Builtin(new Type.ProbeName(), null)));

    public static Optional<Builtin> get(String name) { return Optional.ofNullable(ALL.get(name)); }

    private static Builtin helper(Helper h, Type type) {
        return new Builtin(type, (asm, ctx, dst) -> {
            asm.call(h);
            if (dst != Reg.R0) asm.mov(dst, Reg.R0);
        });
    }

    /** A 32-bit half of a helper's 64-bit result (pid/tid, uid/gid). */
    private static Builtin helperBits(Helper h, int shift, Type type) {
        return new Builtin(type, (Asm asm, Reg ctx, Reg dst) -> {
            asm.call(h);
            if (shift > 0) asm.alu64Imm(Op.RSH, Reg.R0, shift);
            else asm.mov32(Reg.R0, Reg.R0); // a 32-bit move zero-extends: keeps the low half
            if (dst != Reg.R0) asm.mov(dst, Reg.R0);
        });
    }
}
