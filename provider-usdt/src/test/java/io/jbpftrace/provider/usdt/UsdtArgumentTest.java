package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.spi.ProbeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsdtArgumentTest {

    @Test void registersWithSizeAndSign() throws ProbeException {
        assertEquals(new UsdtArgument.InRegister(4, true, new X86Registers.Slot(112, 0)), UsdtArgument.parse("-4@%edi"));
        assertEquals(new UsdtArgument.InRegister(8, false, new X86Registers.Slot(80, 0)), UsdtArgument.parse("8@%rax"));
        assertEquals(new UsdtArgument.InRegister(1, true, new X86Registers.Slot(88, 0)), UsdtArgument.parse("-1@%cl"));
        assertEquals(new UsdtArgument.InRegister(1, false, new X86Registers.Slot(80, 8)), UsdtArgument.parse("1@%ah"));
        assertEquals(new UsdtArgument.InRegister(2, false, new X86Registers.Slot(0, 0)), UsdtArgument.parse("2@%r15w"));
    }

    @Test void memoryOperandsAndConstants() throws ProbeException {
        assertEquals(new UsdtArgument.InMemory(4, true, new X86Registers.Slot(32, 0), -4), UsdtArgument.parse("-4@-4(%rbp)"));
        assertEquals(new UsdtArgument.InMemory(8, false, new X86Registers.Slot(152, 0), 8), UsdtArgument.parse("8@8(%rsp)"));
        assertEquals(new UsdtArgument.InMemory(8, true, new X86Registers.Slot(96, 0), 0), UsdtArgument.parse("-8@(%rdx)"));
        assertEquals(new UsdtArgument.Constant(4, false, 5), UsdtArgument.parse("4@$5"));
        assertEquals(List.of(new UsdtArgument.Constant(4, true, -1), new UsdtArgument.Constant(4, false, -294967296)),
                UsdtArgument.parseAll(" -4@$-1  4@$-294967296 "));
        assertEquals(List.of(), UsdtArgument.parseAll(""));
    }

    @Test void valuesAreCutToTheirSizeThenExtended() {
        assertEquals(4000000000L, UsdtArgument.extended(-294967296, 4, false));
        assertEquals(-1, UsdtArgument.extended(0xff, 1, true));
        assertEquals(0xff, UsdtArgument.extended(-1, 1, false));
        assertEquals(-5, UsdtArgument.extended(-5, 8, true));
    }

    @Test void unsupportedFormsAreClearErrors() {
        for (String spec : List.of("8@foo(%rip)", "8@(%rax,%rbx,8)", "3@%eax", "-4@%xmm0", "garbage")) {
            assertEquals("unsupported USDT argument spec: " + spec,
                    assertThrows(ProbeException.class, () -> UsdtArgument.parse(spec)).getMessage());
        }
    }

    @Test void signedRegisterCode() throws ProbeException {
        assertEquals(List.of(
                new Insn(Op.LDX | Op.MEM | Op.size(8), Reg.R0.id(), Reg.R6.id(), 112, 0),
                new Insn(Op.ALU64 | Op.LSH | Op.K, Reg.R0.id(), 0, 0, 32),
                new Insn(Op.ALU64 | Op.ARSH | Op.K, Reg.R0.id(), 0, 0, 32)), emit("-4@%edi"));
    }

    @Test void memoryCodeReadsUserMemoryIntoTheScratchWord() throws ProbeException {
        List<Insn> code = emit("-2@-6(%rbp)");
        assertEquals(new Insn(Op.LDX | Op.MEM | Op.size(8), Reg.R3.id(), Reg.R6.id(), 32, 0), code.get(0));
        assertEquals(new Insn(Op.ALU64 | Op.ADD | Op.K, Reg.R3.id(), 0, 0, -6), code.get(1));
        assertEquals(new Insn(Op.JMP | Op.CALL, 0, 0, 0, Helper.PROBE_READ_USER.id), code.get(5));
        assertEquals(new Insn(Op.LDX | Op.MEM | Op.size(2), Reg.R0.id(), Reg.FP.id(), -8, 0), code.get(6));
        assertEquals(new Insn(Op.ALU64 | Op.ARSH | Op.K, Reg.R0.id(), 0, 0, 48), code.get(8));
    }

    private static List<Insn> emit(String spec) throws ProbeException {
        Asm asm = new Asm();
        UsdtArgument.parse(spec).emit(asm, Reg.R6, Reg.R0);
        return asm.build();
    }
}
