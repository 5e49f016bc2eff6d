package io.jbpftrace.provider.usdt;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * x86-64 register names as gas writes them in USDT argument specs ({@code %rdi}, {@code %edi},
 * {@code %di}, {@code %dil}, {@code %ah}), mapped to where {@code struct pt_regs} keeps the full
 * register (arch/x86/include/asm/ptrace.h).
 */
final class X86Registers {
    private X86Registers() {}

    /** @param offset byte offset of the 64-bit register in pt_regs; @param shift bits to drop (8 for ah..dh) */
    record Slot(int offset, int shift) {}

    private static final Map<String, Slot> NAMES = new HashMap<>();

    static {
        legacy(80, "rax", "eax", "ax", "al", "ah");
        legacy(40, "rbx", "ebx", "bx", "bl", "bh");
        legacy(88, "rcx", "ecx", "cx", "cl", "ch");
        legacy(96, "rdx", "edx", "dx", "dl", "dh");
        legacy(104, "rsi", "esi", "si", "sil", null);
        legacy(112, "rdi", "edi", "di", "dil", null);
        legacy(32, "rbp", "ebp", "bp", "bpl", null);
        legacy(152, "rsp", "esp", "sp", "spl", null);
        int[] numbered = {72, 64, 56, 48, 24, 16, 8, 0}; // r8 .. r15
        for (int i = 0; i < numbered.length; i++) {
            String r = "r" + (8 + i);
            legacy(numbered[i], r, r + "d", r + "w", r + "b", null);
        }
        NAMES.put("rip", new Slot(128, 0));
    }

    private static void legacy(int offset, String q, String d, String w, String low, String high) {
        for (String name : new String[] {q, d, w, low}) NAMES.put(name, new Slot(offset, 0));
        if (high != null) NAMES.put(high, new Slot(offset, 8));
    }

    /** Whether this JVM runs on x86-64, the only architecture whose specs this class reads. */
    static boolean supported() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /** The slot of a register named without its {@code %}. */
    static Optional<Slot> slot(String name) { return Optional.ofNullable(NAMES.get(name)); }
}
