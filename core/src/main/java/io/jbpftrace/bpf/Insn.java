package io.jbpftrace.bpf;

/** One 8-byte eBPF instruction (ld_imm64 takes two of these). */
public record Insn(int opcode, int dst, int src, int off, int imm) {

    public Insn {
        if ((dst & ~0xf) != 0 || (src & ~0xf) != 0) throw new IllegalArgumentException("register out of range");
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) throw new IllegalArgumentException("offset out of range: " + off);
    }

    /** Little-endian wire encoding, as the kernel reads it. */
    public long encode() {
        return (opcode & 0xffL) | (long) (dst & 0xf) << 8 | (long) (src & 0xf) << 12
                | (off & 0xffffL) << 16 | (imm & 0xffffffffL) << 32;
    }

    public Insn withOff(int newOff) { return new Insn(opcode, dst, src, newOff, imm); }

    public Insn withImm(int newImm) { return new Insn(opcode, dst, src, off, newImm); }
}
