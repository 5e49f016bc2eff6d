package io.jbpftrace.provider.kprobe;

/**
 * Where {@code struct pt_regs} (the context of KPROBE programs) keeps the argument and return
 * registers of the C calling convention, per architecture.
 *
 * @param arch   the name bpftrace uses in its errors
 * @param args   byte offsets of the argument registers, in argument order
 * @param retval byte offset of the return value register
 */
record PtRegs(String arch, int[] args, int retval) {
    /** rdi, rsi, rdx, rcx, r8, r9; rax (arch/x86/include/asm/ptrace.h). */
    static final PtRegs X86_64 = new PtRegs("x86_64", new int[] {112, 104, 96, 88, 72, 64}, 80);
    /** x0..x7; x0 (struct user_pt_regs regs[31] at the start). */
    static final PtRegs AARCH64 = new PtRegs("aarch64", new int[] {0, 8, 16, 24, 32, 40, 48, 56}, 0);

    static PtRegs current() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64" -> AARCH64;
            default -> throw new IllegalStateException("kprobe arguments are not mapped for " + System.getProperty("os.arch"));
        };
    }
}
