package io.jbpftrace.spi;

import io.jbpftrace.bpf.Reg;
import io.jbpftrace.elf.ElfSymbol;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.types.Type;
import java.util.OptionalLong;

/**
 * {@code uaddr("name")} for probes into a binary (uprobe, usdt): the run-time address of one of its
 * symbols. A fixed-address executable has it in its symbol table. A PIE executable or library is
 * mapped at a random base, so the address is computed from the probed instruction's run-time address
 * ({@code ip} when the uprobe fires) plus the symbol's distance from it in the file.
 */
public final class SymbolAddress {
    private SymbolAddress() {}

    /**
     * @param shown          the binary as probe names show it, for errors
     * @param probedAddress  link-time address of the probed instruction; empty for return probes
     */
    public static Builtin of(ElfSymbols elf, String shown, String name, OptionalLong probedAddress) throws ProbeException {
        ElfSymbol symbol = elf.symbol(name).orElseThrow(() -> new ProbeException("Could not resolve symbol: " + shown + ":" + name));
        Type type = new Type.Pointer(pointee(symbol.size()), true);
        if (!elf.positionIndependent()) return new Builtin(type, (asm, ctx, dst) -> asm.ldImm64(dst, symbol.address()));
        int ip = PtRegs.offsetOf("ip");
        if (probedAddress.isEmpty() || ip < 0) {
            throw new ProbeException("uaddr() can not locate '" + name + "' in " + shown
                    + ": it is position-independent and a return probe does not know where it was loaded");
        }
        long distance = symbol.address() - probedAddress.getAsLong();
        return new Builtin(type, (asm, ctx, dst) -> {
            asm.load(8, dst, ctx, ip);
            asm.ldImm64(Reg.R1, distance);
            asm.alu64Reg(io.jbpftrace.bpf.Op.ADD, dst, Reg.R1);
        });
    }

    /** Like bpftrace: a pointer to a signed integer as wide as a 1, 2 or 4 byte symbol, else to a 64-bit one. */
    private static Type pointee(long size) {
        if (size == 1) return Type.Int.S8;
        if (size == 2) return Type.Int.S16;
        if (size == 4) return Type.Int.S32;
        return Type.Int.S64;
    }
}
