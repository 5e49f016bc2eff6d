package io.jbpftrace.spi;

import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.types.Type;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arg0..argN} and {@code retval}: registers read straight from the pt_regs context;
 * {@code sarg0..sargN}: arguments the caller passed on the stack, read through the stack pointer.
 */
public final class RegisterBuiltins {
    private static final Pattern ARG = Pattern.compile("arg(\\d+)");
    private static final Pattern STACK_ARG = Pattern.compile("sarg(\\d+)");

    private final PtRegs regs;
    private final Helper stackRead;

    /** For kernel functions: the stack is kernel memory. */
    public RegisterBuiltins(PtRegs regs) { this(regs, false); }

    /** @param userStack whether the probed code runs on a user stack (uprobes) */
    public RegisterBuiltins(PtRegs regs, boolean userStack) {
        this.regs = regs;
        this.stackRead = userStack ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL;
    }

    public Optional<Builtin> builtin(String name, boolean retprobe) throws ProbeException {
        Matcher arg = ARG.matcher(name);
        if (arg.matches()) {
            if (retprobe) throw new ProbeException("The " + name + " builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes");
            int index = Integer.parseInt(arg.group(1));
            if (index >= regs.args().length) throw new ProbeException(regs.arch() + " doesn't support " + name);
            return Optional.of(register(regs.args()[index]));
        }
        Matcher stackArg = STACK_ARG.matcher(name);
        if (stackArg.matches()) {
            // on return the stack pointer has moved past the arguments
            if (retprobe) throw new ProbeException("The " + name + " builtin can only be used with 'kprobes' and 'uprobes' probes");
            return Optional.of(stackArgument(Integer.parseInt(stackArg.group(1))));
        }
        if (name.equals("retval")) {
            if (!retprobe) throw new ProbeException("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes");
            return Optional.of(register(regs.retval()));
        }
        return Optional.empty();
    }

    /** The verifier lets a KPROBE program load aligned 8-byte words of its pt_regs context directly. */
    private static Builtin register(int offset) {
        return new Builtin(Type.Int.U64, (asm, ctx, dst) -> asm.load(8, dst, ctx, offset));
    }

    /** sargN → *(u64 *)(sp + stackArgs + 8 * N), read with a probe read into the scratch word. */
    private Builtin stackArgument(int index) {
        return new Builtin(Type.Int.U64, (asm, ctx, dst) -> {
            asm.load(8, Reg.R3, ctx, regs.sp()); // before R1/R2 change: ctx may be one of them
            asm.add(Reg.R3, regs.stackArgs() + 8 * index);
            asm.mov(Reg.R1, Reg.FP).add(Reg.R1, -8);
            asm.mov(Reg.R2, 8);
            asm.call(stackRead);
            asm.load(8, dst, Reg.FP, -8);
        });
    }
}
