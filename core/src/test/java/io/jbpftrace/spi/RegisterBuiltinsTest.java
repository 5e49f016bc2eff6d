package io.jbpftrace.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterBuiltinsTest {

    private static List<Insn> emit(RegisterBuiltins regs, String name) throws ProbeException {
        Asm asm = new Asm();
        regs.builtin(name, false).orElseThrow().code().emit(asm, Reg.R6, Reg.R7);
        return asm.build();
    }

    private static int calledHelper(List<Insn> code) {
        return code.stream().filter(i -> i.opcode() == (Op.JMP | Op.CALL)).findFirst().orElseThrow().imm();
    }

    @Test
    void kernelStackArgumentsUseTheKernelRead() throws ProbeException {
        List<Insn> code = emit(new RegisterBuiltins(PtRegs.X86_64), "sarg0");
        assertEquals(152, code.get(0).off(), "sp in x86-64 pt_regs");
        assertEquals(8, code.get(1).imm(), "past the return address");
        assertEquals(Helper.PROBE_READ_KERNEL.id, calledHelper(code));
        assertEquals(Reg.R7.id(), code.get(code.size() - 1).dst(), "the value lands in the requested register");
    }

    @Test
    void aarch64KeepsTheReturnAddressInARegister() throws ProbeException {
        List<Insn> code = emit(new RegisterBuiltins(PtRegs.AARCH64, true), "sarg2");
        assertEquals(248, code.get(0).off());
        assertEquals(16, code.get(1).imm());
        assertEquals(Helper.PROBE_READ_USER.id, calledHelper(code));
    }
}
