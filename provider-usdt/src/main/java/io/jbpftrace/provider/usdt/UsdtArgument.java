package io.jbpftrace.provider.usdt;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.spi.ProbeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One USDT argument from a {@code .note.stapsdt} spec such as {@code -4@%edi}, {@code 8@-16(%rbp)} or
 * {@code 4@$5}: a byte size (negative means signed) and where the value is when the probe fires.
 * It emits BPF that leaves the value, sign- or zero-extended to 64 bits, in a register.
 */
sealed interface UsdtArgument {

    /** Bytes of the value: 1, 2, 4 or 8. */
    int size();

    boolean signed();

    /** Leaves the value in {@code dst}; {@code ctx} holds pt_regs and must be R6-R9 (helper calls clobber R1-R5). */
    void emit(Asm asm, Reg ctx, Reg dst);

    /** A value in a register: {@code %edi}. */
    record InRegister(int size, boolean signed, X86Registers.Slot slot) implements UsdtArgument {
        @Override public void emit(Asm asm, Reg ctx, Reg dst) {
            asm.load(8, dst, ctx, slot.offset());
            if (slot.shift() != 0) asm.alu64Imm(Op.RSH, dst, slot.shift());
            extend(asm, dst, size, signed);
        }
    }

    /** A value in user memory at register + displacement: {@code -4@-20(%rbp)}, {@code 8@(%rdx)}. */
    record InMemory(int size, boolean signed, X86Registers.Slot base, int displacement) implements UsdtArgument {
        /** The compiler leaves R10-8 free for a builtin's own use: the read lands there. */
        private static final int SCRATCH = -8;

        @Override public void emit(Asm asm, Reg ctx, Reg dst) {
            asm.load(8, Reg.R3, ctx, base.offset());
            if (base.shift() != 0) asm.alu64Imm(Op.RSH, Reg.R3, base.shift());
            asm.add(Reg.R3, displacement)
                    .mov(Reg.R1, Reg.FP)
                    .add(Reg.R1, SCRATCH)
                    .mov(Reg.R2, size)
                    .call(Helper.PROBE_READ_USER)
                    .load(size, dst, Reg.FP, SCRATCH); // a failed read zeroes the slot, so this reads 0
            extend(asm, dst, size, signed);
        }
    }

    /** A value the compiler knew: {@code 4@$5}, {@code -4@$-1}. */
    record Constant(int size, boolean signed, long value) implements UsdtArgument {
        @Override public void emit(Asm asm, Reg ctx, Reg dst) {
            long v = extended(value, size, signed);
            if (v == (int) v) asm.mov(dst, (int) v);
            else asm.ldImm64(dst, v);
        }
    }

    private static void extend(Asm asm, Reg dst, int size, boolean signed) {
        if (size == 8) return;
        int shift = 64 - 8 * size;
        asm.alu64Imm(Op.LSH, dst, shift).alu64Imm(signed ? Op.ARSH : Op.RSH, dst, shift);
    }

    /** {@code value} cut to {@code size} bytes, then widened like the BPF code widens it. */
    static long extended(long value, int size, boolean signed) {
        if (size == 8) return value;
        int shift = 64 - 8 * size;
        return signed ? (value << shift) >> shift : (value << shift) >>> shift;
    }

    Pattern SPEC = Pattern.compile("(-?)(1|2|4|8)@(.+)");
    Pattern MEMORY = Pattern.compile("(-?(?:0x[0-9a-fA-F]+|\\d+))?\\(%([a-z0-9]+)\\)");

    /** Parses one spec; forms this reader cannot evaluate (symbols, index registers) are errors. */
    static UsdtArgument parse(String spec) throws ProbeException {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) throw unsupported(spec);
        boolean signed = !m.group(1).isEmpty();
        int size = Integer.parseInt(m.group(2));
        String operand = m.group(3);
        if (operand.startsWith("%")) {
            return new InRegister(size, signed, register(operand.substring(1), spec));
        }
        if (operand.startsWith("$")) {
            return new Constant(size, signed, number(operand.substring(1), spec));
        }
        Matcher mem = MEMORY.matcher(operand);
        if (!mem.matches()) throw unsupported(spec);
        long disp = mem.group(1) == null ? 0 : number(mem.group(1), spec);
        if (disp != (int) disp) throw unsupported(spec);
        return new InMemory(size, signed, register(mem.group(2), spec), (int) disp);
    }

    /** All arguments of a note, in order. */
    static List<UsdtArgument> parseAll(String specs) throws ProbeException {
        List<UsdtArgument> out = new ArrayList<>();
        for (String spec : specs.trim().split("\\s+")) if (!spec.isEmpty()) out.add(parse(spec));
        return out;
    }

    private static X86Registers.Slot register(String name, String spec) throws ProbeException {
        return X86Registers.slot(name).orElseThrow(() -> unsupported(spec));
    }

    private static long number(String text, String spec) throws ProbeException {
        try {
            boolean negative = text.startsWith("-");
            String digits = negative ? text.substring(1) : text;
            long v = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw unsupported(spec);
        }
    }

    private static ProbeException unsupported(String spec) {
        return new ProbeException("unsupported USDT argument spec: " + spec);
    }
}
