package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BTF prototypes → the fentry context: argument slots, retval after them, what fentry cannot take. */
class FentryContextTest {
    private static Btf.FuncProto proto(Type ret, Type... params) {
        List<Btf.FuncProto.Param> ps = new java.util.ArrayList<>();
        for (int i = 0; i < params.length; i++) ps.add(new Btf.FuncProto.Param("p" + i, params[i]));
        return new Btf.FuncProto("f", ps, ret);
    }

    private static List<Insn> emit(io.jbpftrace.spi.Builtin b) {
        Asm asm = new Asm();
        b.code().emit(asm, Reg.R6, Reg.R0);
        return asm.exit().build();
    }

    @Test void argumentsSitInEightByteSlotsWhateverTheirSize() {
        Type.Record args = FentryContext.args(proto(Type.Int.S32, Type.Int.S32, Type.Int.U8, new Type.Pointer(Type.Int.S8, false)));
        assertEquals(List.of(0, 8, 16), args.fields().stream().map(Type.Field::offset).toList());
        assertEquals(List.of(Type.Int.S32, Type.Int.U8, new Type.Pointer(Type.Int.S8, false)),
                args.fields().stream().map(Type.Field::type).toList());
        assertEquals(24, args.size());
        assertEquals("struct f_args", args.name());
    }

    @Test void structsByValueAreLeftOutButKeepTheirSlot() {
        Type.Record pair = new Type.Record("pair", List.of(), 16);
        Type.Record args = FentryContext.args(proto(Type.VOID, pair, Type.Int.U64));
        assertEquals(List.of(new Type.Field("p1", 8, Type.Int.U64)), args.fields());
        assertFalse(FentryContext.attachable(proto(Type.VOID, pair)));
    }

    @Test void retvalFollowsTheLastArgumentAndIsSignExtended() throws ProbeException {
        // int f(long, long): retval is the 32-bit word at ctx+16, sign-extended to 64 bits.
        List<Insn> code = emit(FentryContext.retval(proto(Type.Int.S32, Type.Int.S64, Type.Int.S64)));
        assertEquals(new Asm().load(4, Reg.R0, Reg.R6, 16).alu64Imm(io.jbpftrace.bpf.Op.LSH, Reg.R0, 32)
                .alu64Imm(io.jbpftrace.bpf.Op.ARSH, Reg.R0, 32).exit().build(), code);
        // a pointer result: one 8-byte load at ctx+8
        assertEquals(new Asm().load(8, Reg.R0, Reg.R6, 8).exit().build(),
                emit(FentryContext.retval(proto(new Type.Pointer(Type.Int.U8, false), Type.Int.U64))));
        assertEquals(new Asm().load(8, Reg.R0, Reg.R6, 0).exit().build(), emit(FentryContext.retval(proto(Type.Int.U64))));
        assertThrows(ProbeException.class, () -> FentryContext.retval(proto(Type.VOID)));
    }

    @Test void fentryTakesUpToSixRegisterArguments() {
        Type[] six = new Type[6], seven = new Type[7];
        java.util.Arrays.fill(six, Type.Int.U64);
        java.util.Arrays.fill(seven, Type.Int.U64);
        assertTrue(FentryContext.attachable(proto(Type.VOID, six)));
        assertFalse(FentryContext.attachable(proto(Type.VOID, seven)));
        assertFalse(FentryContext.attachable(proto(new Type.Record("big", List.of(), 24))));
    }
}
