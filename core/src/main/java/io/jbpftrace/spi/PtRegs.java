package io.jbpftrace.spi;

/**
 * Where {@code struct pt_regs} (the context of KPROBE programs: kprobes, uprobes, USDT) keeps the
 * argument and return registers of the C calling convention, per architecture.
 *
 * @param arch       the name bpftrace uses in its errors
 * @param args       byte offsets of the argument registers, in argument order
 * @param retval     byte offset of the return value register
 * @param sp         byte offset of the stack pointer
 * @param stackArgs  bytes from the stack pointer at function entry to the first argument passed on
 *                   the stack ({@code sarg0}): x86-64's call pushed the return address there
 */
public record PtRegs(String arch, int[] args, int retval, int sp, int stackArgs) {
    /** rdi, rsi, rdx, rcx, r8, r9; rax; sp (arch/x86/include/asm/ptrace.h). */
    public static final PtRegs X86_64 = new PtRegs("x86_64", new int[] {112, 104, 96, 88, 72, 64}, 80, 152, 8);
    /** x0..x7; x0; sp (struct user_pt_regs: regs[31], then sp). */
    public static final PtRegs AARCH64 = new PtRegs("aarch64", new int[] {0, 8, 16, 24, 32, 40, 48, 56}, 0, 248, 0);

    private static final java.util.List<String> X86_64_NAMES = java.util.List.of("r15", "r14", "r13", "r12", "bp", "bx",
            "r11", "r10", "r9", "r8", "ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss");

    /** Byte offset of an x86-64 register by its pt_regs name ({@code reg("ip")}), or -1. */
    public static int offsetOf(String name) {
        int i = X86_64_NAMES.indexOf(name);
        return i < 0 ? -1 : i * 8;
    }

    public static PtRegs current() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64" -> AARCH64;
            default -> throw new IllegalStateException("probe arguments are not mapped for " + System.getProperty("os.arch"));
        };
    }
}
