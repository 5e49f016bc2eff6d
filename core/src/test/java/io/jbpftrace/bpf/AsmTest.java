package io.jbpftrace.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Encodings checked against the kernel's instruction-set document (and bpftool/llvm-objdump output). */
class AsmTest {

    private static long only(Asm asm) {
        List<Insn> insns = asm.build();
        assertEquals(1, insns.size());
        return insns.get(0).encode();
    }

    @Test void movImmediate() {
        // mov r0, 0  ->  b7 00 00 00 00 00 00 00
        assertEquals(0xb7L, only(new Asm().mov(Reg.R0, 0)));
        // mov r3, -1 -> b7 03 00 00 ff ff ff ff
        assertEquals(0xffffffff_0000_03b7L, only(new Asm().mov(Reg.R3, -1)));
    }

    @Test void movRegister() {
        // mov r1, r6 -> bf 61 ...
        assertEquals(0x61bfL, only(new Asm().mov(Reg.R1, Reg.R6)));
    }

    @Test void aluOps() {
        assertEquals(0xfffffffc_0000_0207L, only(new Asm().add(Reg.R2, -4)));          // r2 += -4
        assertEquals(0x20_0000_0077L, only(new Asm().alu64Imm(Op.RSH, Reg.R0, 32)));  // r0 >>= 32
        assertEquals(0x211fL, only(new Asm().alu64Reg(Op.SUB, Reg.R1, Reg.R2)));      // r1 -= r2
        assertEquals(0x87L, only(new Asm().neg(Reg.R0)));                             // r0 = -r0
        assertEquals(0xff_0000_0154L, only(new Asm().alu32Imm(Op.AND, Reg.R1, 0xff))); // w1 &= 0xff
    }

    @Test void exitAndCall() {
        assertEquals(0x95L, only(new Asm().exit()));
        // call bpf_map_lookup_elem -> 85 00 00 00 01 00 00 00
        assertEquals(0x1_0000_0085L, only(new Asm().call(Helper.MAP_LOOKUP_ELEM)));
        assertEquals(0x82_0000_0085L, only(new Asm().call(Helper.RINGBUF_OUTPUT)));
    }

    @Test void memoryAccess() {
        // r0 = *(u64 *)(r1 + 8) -> 79 10 08 00 ...
        assertEquals(0x0008_1079L, only(new Asm().load(8, Reg.R0, Reg.R1, 8)));
        // *(u32 *)(r10 - 4) = r1 -> 63 1a fc ff ...
        assertEquals(0xfffc_1a63L, only(new Asm().store(4, Reg.FP, -4, Reg.R1)));
        // *(u8 *)(r10 - 1) = 7 -> 72 0a ff ff 07 00 00 00
        assertEquals(0x7_ffff_0a72L, only(new Asm().storeImm(1, Reg.FP, -1, 7)));
        // r2 = *(u16 *)(r3 + 0) -> 69 32
        assertEquals(0x3269L, only(new Asm().load(2, Reg.R2, Reg.R3, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Asm().load(3, Reg.R0, Reg.R1, 0));
    }

    @Test void atomicAdd() {
        // lock *(u64 *)(r0 + 0) += r1 -> db 10 00 00 00 00 00 00 (imm BPF_ADD = 0)
        assertEquals(0x10dbL, only(new Asm().atomicAdd(8, Reg.R0, 0, Reg.R1)));
        assertEquals(0x10c3L, only(new Asm().atomicAdd(4, Reg.R0, 0, Reg.R1)));
    }

    @Test void ldImm64TakesTwoSlots() {
        List<Insn> insns = new Asm().ldImm64(Reg.R1, 0x1122334455667788L).build();
        assertEquals(2, insns.size());
        assertEquals(0x55667788_0000_0118L, insns.get(0).encode());
        assertEquals(0x11223344_0000_0000L, insns.get(1).encode());
    }

    @Test void mapReferencesAreRecorded() {
        Asm asm = new Asm().mov(Reg.R0, 0).ldMap(Reg.R1, 3).ldMap(Reg.R2, 0);
        List<Insn> insns = asm.build();
        assertEquals(5, insns.size());
        // ld_imm64 r1, map fd (pseudo src 1) -> 18 11 ...
        assertEquals(0x1118L, insns.get(1).encode());
        assertEquals(List.of(new Asm.MapRef(1, 3), new Asm.MapRef(3, 0)), asm.mapRefs());
    }

    @Test void forwardJumpSkipsToLabel() {
        Asm asm = new Asm();
        Label out = asm.newLabel("out");
        asm.jumpIf(Op.JEQ, Reg.R0, 0, out)   // 0
                .mov(Reg.R1, 1)               // 1
                .ldImm64(Reg.R2, 5)           // 2,3
                .bind(out)
                .exit();                      // 4
        Insn jump = asm.build().get(0);
        assertEquals(3, jump.off());
        // if r0 == 0 goto +3 -> 15 00 03 00 00 00 00 00
        assertEquals(0x0003_0015L, jump.encode());
    }

    @Test void backwardJumpHasNegativeOffset() {
        Asm asm = new Asm();
        Label top = asm.newLabel("top");
        asm.bind(top).add(Reg.R1, 1)          // 0
                .jumpIf(Op.JLT, Reg.R1, Reg.R2, top) // 1: back to 0
                .jump(top)                    // 2
                .exit();
        List<Insn> insns = asm.build();
        assertEquals(-2, insns.get(1).off());
        assertEquals(0xfffe_21adL, insns.get(1).encode()); // if r1 < r2 goto -2
        assertEquals(-3, insns.get(2).off());
        assertEquals(0xfffd_0005L, insns.get(2).encode()); // goto -3
    }

    @Test void unboundLabelFails() {
        Asm asm = new Asm();
        asm.jump(asm.newLabel("nowhere")).exit();
        assertThrows(IllegalStateException.class, asm::build);
    }

    @Test void labelCannotBeBoundTwice() {
        Asm asm = new Asm();
        Label l = asm.newLabel("l");
        asm.bind(l);
        assertThrows(IllegalStateException.class, () -> asm.bind(l));
    }

    @Test void buildDoesNotMutateTheEmitter() {
        Asm asm = new Asm();
        Label end = asm.newLabel("end");
        asm.jump(end).bind(end).exit();
        assertEquals(0, asm.build().get(0).off());
        assertEquals(2, asm.size());
    }

    @Test void insnRejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new Insn(0, 16, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Insn(0, 0, 0, 40000, 0));
    }

    @Test void ldFuncPointsAtTheSubprogramRelativeToTheNextInstruction() {
        Asm asm = new Asm();
        Label callback = asm.newLabel("cb");
        asm.ldFunc(Reg.R2, callback).mov(Reg.R0, 0).exit();
        asm.subprogram(callback).mov(Reg.R0, 0).exit();
        List<Insn> insns = asm.build();
        // ld_imm64 r2, <func>: opcode 0x18, src_reg 4 (BPF_PSEUDO_FUNC); the kernel finds the callback at 0 + imm + 1 = 4
        assertEquals(0x18, insns.get(0).opcode());
        assertEquals(Op.PSEUDO_FUNC, insns.get(0).src());
        assertEquals(2, insns.get(0).dst());
        assertEquals(3, insns.get(0).imm());
        assertEquals(List.of(4), asm.subprogramStarts());
    }

    @Test void removingTheFirstInstructionMovesEverythingUpOne() {
        Asm asm = new Asm();
        Label skip = asm.newLabel("skip"), callback = asm.newLabel("cb");
        asm.origin("prologue");
        asm.mov(Reg.R6, Reg.R1);
        asm.origin("body");
        asm.ldMap(Reg.R1, 5).jumpIf(Op.JEQ, Reg.R0, 0, skip).ldFunc(Reg.R2, callback).bind(skip).mov(Reg.R0, 0).exit();
        asm.subprogram(callback).mov(Reg.R0, 0).exit();
        asm.removeFirst();
        List<Insn> insns = asm.build();
        assertEquals(9, insns.size());
        assertEquals(List.of(new Asm.MapRef(0, 5)), asm.mapRefs());
        assertEquals(2, insns.get(2).off()); // over the two ld_func slots
        assertEquals(List.of(7), asm.subprogramStarts());
        assertEquals(3, insns.get(3).imm()); // ld_func at 3, callback at 3 + 3 + 1
        assertEquals("body", asm.origins().get(0));
    }

    @Test void theFirstInstructionCannotBeRemovedUnderAJump() {
        Asm asm = new Asm();
        Label top = asm.newLabel("top");
        asm.bind(top).mov(Reg.R0, 0).jump(top);
        assertThrows(IllegalStateException.class, asm::removeFirst);
    }
}
