package io.jbpftrace.passes;

import java.util.List;

/** Register offsets in x86-64 {@code struct pt_regs}, for reg("name"). */
public final class PtRegs {
    private PtRegs() {}

    private static final List<String> X86_64 = List.of("r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8",
            "ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss");

    /** Byte offset of the register, or -1 for an unknown name. */
    public static int offset(String name) {
        int i = X86_64.indexOf(name);
        return i < 0 ? -1 : i * 8;
    }
}
