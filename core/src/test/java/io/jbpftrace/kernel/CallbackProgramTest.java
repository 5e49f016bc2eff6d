package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.MapType;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A program with a callback subprogram loads (its function BTF is accepted) and the callback runs per element. */
class CallbackProgramTest {
    @AfterEach void nothingLeaks() { TestPrograms.assertNoKernelObjectsOpen(); }

    @Test void forEachMapElemCallsTheCallbackForEveryElement() throws Exception {
        try (BpfMap values = BpfMap.create(MapType.HASH, "values", 8, 8, 8);
             BpfMap total = BpfMap.create(MapType.ARRAY, "total", 4, 8, 1)) {
            for (long k = 1; k <= 3; k++) values.update(TestPrograms.u64(k), TestPrograms.u64(10 * k));
            Asm asm = new Asm();
            Label callback = asm.newLabel("cb");
            // main: for_each(values, cb, r10, 0); the callback adds each value to total[0]
            asm.ldMap(Reg.R1, 0).ldFunc(Reg.R2, callback).mov(Reg.R3, Reg.FP).mov(Reg.R4, 0);
            asm.call(Helper.FOR_EACH_MAP_ELEM).mov(Reg.R0, 0).exit();
            asm.subprogram(callback).load(8, Reg.R6, Reg.R3, 0);
            asm.storeImm(4, Reg.FP, -4, 0).ldMap(Reg.R1, 1).mov(Reg.R2, Reg.FP).add(Reg.R2, -4);
            Label none = asm.newLabel("none");
            asm.call(Helper.MAP_LOOKUP_ELEM).jumpIf(io.jbpftrace.bpf.Op.JEQ, Reg.R0, 0, none);
            asm.atomicAdd(8, Reg.R0, 0, Reg.R6);
            asm.bind(none).mov(Reg.R0, 0).exit();
            try (BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "for_each",
                    TestPrograms.patch(asm, values, total), asm.subprogramStarts())) {
                assertEquals(0, prog.testRun());
            }
            assertEquals(60, TestPrograms.count(total));
        }
    }
}
