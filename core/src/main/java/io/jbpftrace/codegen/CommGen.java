package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.btf.TaskComm;
import java.util.OptionalInt;

/**
 * Lowers {@code comm}. With the kernel's BTF, two 8-byte loads of {@code current->comm} through
 * bpf_get_current_task_btf (the kernel keeps comm NUL-padded, as bpf_get_current_comm's copy is),
 * which is cheaper than the helper's string copy; without BTF, bpf_get_current_comm.
 */
final class CommGen {
    private static final int COMM_BYTES = TaskComm.BYTES;
    private final GenState g;
    private final Asm asm;

    CommGen(GenState g) {
        this.g = g;
        this.asm = g.asm;
    }

    /** Writes comm to the stack slot at {@code off}, zero-padded to {@code size} bytes. */
    void into(int off, int size) {
        if (size > COMM_BYTES) g.zero(off + COMM_BYTES, size - COMM_BYTES);
        OptionalInt field = size >= COMM_BYTES ? TaskComm.offset() : OptionalInt.empty();
        if (field.isPresent()) {
            asm.call(Helper.GET_CURRENT_TASK_BTF);
            for (int i = 0; i < COMM_BYTES; i += 8) {
                asm.load(8, Reg.R1, Reg.R0, field.getAsInt() + i).store(8, Reg.FP, off + i, Reg.R1);
            }
            return;
        }
        // the helper writes all the bytes it is given, padding with zeros
        g.stackPtr(Reg.R1, off);
        asm.mov(Reg.R2, Math.min(size, COMM_BYTES));
        asm.call(Helper.GET_CURRENT_COMM);
    }
}
