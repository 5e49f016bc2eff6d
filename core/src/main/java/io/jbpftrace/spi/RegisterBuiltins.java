package io.jbpftrace.spi;

import io.jbpftrace.types.Type;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code arg0..argN} and {@code retval}: registers read straight from the pt_regs context. */
public final class RegisterBuiltins {
    private static final Pattern ARG = Pattern.compile("arg(\\d+)");

    private final PtRegs regs;

    public RegisterBuiltins(PtRegs regs) { this.regs = regs; }

    public Optional<Builtin> builtin(String name, boolean retprobe) throws ProbeException {
        Matcher arg = ARG.matcher(name);
        if (arg.matches()) {
            if (retprobe) throw new ProbeException("The " + name + " builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes");
            int index = Integer.parseInt(arg.group(1));
            if (index >= regs.args().length) throw new ProbeException(regs.arch() + " doesn't support " + name);
            return Optional.of(register(regs.args()[index]));
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
}
