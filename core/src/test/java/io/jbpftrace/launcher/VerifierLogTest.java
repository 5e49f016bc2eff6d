package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierLogTest {
    private static final String TOO_LARGE = "0: (b7) r0 = 0\n7: (bf) r2 = r0          ; R0=0x989680\n8: (79) r1 = *(u64 *)(r10 -24)\n"
            + "BPF program is too large. Processed 1000001 insn\nprocessed 1000001 insns (limit 1000000) max_states_per_insn 4\n";
    private static final String LOOP = "23: (85) call bpf_map_update_elem#2\ninfinite loop detected at insn 24\n"
            + "cur state: R0=scalar() R6=ctx()\nold state: R0=scalar() R6=ctx()\nprocessed 42 insns (limit 1000000)\n";

    @Test void aTooLargeProgramIsExplained() {
        assertEquals("the probe has more paths or loop iterations than the verifier checks (1 million instructions):"
                + " lower the while/unroll bounds, or split the work across probes", VerifierLog.hint(TOO_LARGE.lines().toList()));
        assertEquals("BPF program is too large. Processed 1000001 insn", VerifierLog.reason(TOO_LARGE));
    }

    @Test void theFailingInstructionIsTheOneNamedInTheReasonElseTheLastWalked() {
        assertEquals(8, VerifierLog.failingInstruction(TOO_LARGE));
        assertEquals(24, VerifierLog.failingInstruction(LOOP));
        assertEquals("infinite loop detected at insn 24", VerifierLog.reason(LOOP));
        assertEquals(-1, VerifierLog.failingInstruction(""));
    }

    @Test void theLastMatchingLineDecides() {
        assertEquals("the probe calls a kernel helper this kernel or probe type does not offer",
                VerifierLog.hint(List.of("The sequence of 8193 jumps is too complex.", "unknown func bpf_foo#999")));
    }

    @Test void anUnknownRejectionHasNoHint() {
        assertNull(VerifierLog.hint(List.of("R1 type=scalar expected=fp")));
        assertNull(VerifierLog.reason(""));
    }
}
