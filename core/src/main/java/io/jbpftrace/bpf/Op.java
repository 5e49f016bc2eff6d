package io.jbpftrace.bpf;

/** Opcode bits of the eBPF instruction set (see the kernel's instruction-set document). */
public final class Op {
    private Op() {}

    // classes
    public static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;
    // sizes
    public static final int W = 0x00, H = 0x08, B = 0x10, DW = 0x18;
    // modes
    public static final int IMM = 0x00, MEM = 0x60, ATOMIC = 0xc0;
    // source
    public static final int K = 0x00, X = 0x08;
    // alu ops
    public static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60,
            RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0, MOV = 0xb0, ARSH = 0xc0, END = 0xd0;
    // jmp ops
    public static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40, JNE = 0x50, JSGT = 0x60,
            JSGE = 0x70, CALL = 0x80, EXIT = 0x90, JLT = 0xa0, JLE = 0xb0, JSLT = 0xc0, JSLE = 0xd0;

    /** Pseudo source register of ld_imm64 meaning "imm is a map fd". */
    public static final int PSEUDO_MAP_FD = 1, PSEUDO_MAP_VALUE = 2;

    /** Pseudo source register of ld_imm64 meaning "imm is the instruction offset of a subprogram". */
    public static final int PSEUDO_FUNC = 4;

    /** Size bits for a load/store of the given byte width. */
    public static int size(int bytes) {
        return switch (bytes) {
            case 1 -> B;
            case 2 -> H;
            case 4 -> W;
            case 8 -> DW;
            default -> throw new IllegalArgumentException("no load/store of " + bytes + " bytes");
        };
    }
}
