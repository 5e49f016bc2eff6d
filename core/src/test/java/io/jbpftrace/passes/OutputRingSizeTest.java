package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputRingSizeTest {
    @Test void defaultIsEightMiBAndSmallForBeginEndOnly() {
        assertEquals(8 << 20, OutputRingSize.resolve(Map.of(), 2, false));
        assertEquals(256 << 10, OutputRingSize.resolve(Map.of(), 2, true));
    }

    /** Pages per CPU like bpftrace's perf buffers, in one ring rounded up to a power of two. */
    @Test void perfRbPagesCountPerCpuRoundedUp() {
        assertEquals(64 * 4096 * 2, OutputRingSize.resolve(Map.of("BPFTRACE_PERF_RB_PAGES", "64"), 2, false));
        assertEquals(16 * 4096, OutputRingSize.resolve(Map.of("BPFTRACE_PERF_RB_PAGES", "3"), 4, true));
        assertEquals(4096, OutputRingSize.resolve(Map.of("BPFTRACE_PERF_RB_PAGES", "1"), 1, false));
        assertEquals(1 << 30, OutputRingSize.resolve(Map.of("BPFTRACE_PERF_RB_PAGES", "100000000"), 64, false));
    }

    @Test void badValuesAreEnvironmentErrors() {
        for (String bad : new String[] {"0", "-1", "x"}) {
            ScriptConfig.EnvironmentError e = assertThrows(ScriptConfig.EnvironmentError.class,
                    () -> OutputRingSize.resolve(Map.of("BPFTRACE_PERF_RB_PAGES", bad), 2, false));
            assertEquals("Env var 'BPFTRACE_PERF_RB_PAGES' did not contain a valid uint64_t, or was zero-valued.", e.getMessage());
        }
    }
}
