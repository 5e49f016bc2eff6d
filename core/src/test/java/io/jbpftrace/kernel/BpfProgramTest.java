package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.MapType;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BpfProgramTest {
    @org.junit.jupiter.api.AfterEach void nothingLeaks() { TestPrograms.assertNoKernelObjectsOpen(); }

    @Test void testRunExecutesTheProgramInTheKernel() throws Exception {
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, "count", 4, 8, 1);
             BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "BEGIN",
                     TestPrograms.counter(counter, OptionalInt.empty()))) {
            assertTrue(prog.fd() >= 0);
            assertEquals("anon_inode:bpf-prog", TestPrograms.fdTarget(prog.fd()));
            assertEquals(0, prog.testRun());
            assertEquals(0, prog.testRun());
            assertEquals(2, TestPrograms.count(counter));
        }
    }

    @Test void testRunReturnsR0() throws Exception {
        try (BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "ret",
                new Asm().mov(Reg.R0, 42).exit().build())) {
            assertEquals(42, prog.testRun());
        }
    }

    @Test void rejectedProgramCarriesTheVerifierLog() {
        // r0 = r2 reads a register the verifier knows was never written.
        VerifierException e = assertThrows(VerifierException.class, () -> BpfProgram.load(
                ProgType.RAW_TRACEPOINT, "bad_prog", new Asm().mov(Reg.R0, Reg.R2).exit().build()));
        assertEquals("bad_prog: Permission denied", e.getMessage());
        assertTrue(e.log().contains("R2 !read_ok"), e.log());
    }

    @Test void missingExitIsRejected() {
        VerifierException e = assertThrows(VerifierException.class, () -> BpfProgram.load(
                ProgType.RAW_TRACEPOINT, "no_exit", new Asm().mov(Reg.R0, 0).build()));
        assertTrue(e.log().contains("last insn is not an exit or jmp"), e.log());
    }

    @Test void closeIsIdempotent() throws Exception {
        BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "c", new Asm().mov(Reg.R0, 0).exit().build());
        prog.close();
        prog.close();
        assertEquals(-1, prog.fd());
        assertThrows(IllegalStateException.class, prog::testRun);
    }
}
