package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierLogTest {

    @Test void aTooLargeProgramIsExplainedBeforeTheLogTail() {
        String log = "0: (b7) r0 = 0\nBPF program is too large. Processed 1000001 insn\nprocessed 1000001 insns (limit 1000000)\n";
        String text = VerifierLog.explain(log);
        assertTrue(text.startsWith("HINT: the probe has more paths or loop iterations than the verifier checks"), text);
        assertTrue(text.endsWith("  processed 1000001 insns (limit 1000000)"), text);
    }

    @Test void theLastMatchingLineDecides() {
        assertEquals("the probe calls a kernel helper this kernel or probe type does not offer",
                VerifierLog.hint(List.of("The sequence of 8193 jumps is too complex.", "unknown func bpf_foo#999")));
    }

    @Test void anUnknownRejectionShowsOnlyTheLog() {
        assertNull(VerifierLog.hint(List.of("R1 type=scalar expected=fp")));
        assertEquals("(the kernel gave no verifier log)", VerifierLog.explain(""));
    }
}
