package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C and SIGTERM end a trace like exit(): maps printed, every program, map and perf event closed. */
@ExtendWith(RequiresRoot.class)
class CleanExitTest {
    private static final String SCRIPT = "tracepoint:raw_syscalls:sys_enter { @calls = count(); } "
            + "tracepoint:sched:sched_switch { @switches[cpu] = count(); } profile:hz:49 { @ticks = count(); }";

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalEndsTheTraceAndLeavesNothingBehind(String signal) {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        try (Jbpftrace.Background t = Jbpftrace.start("-e", SCRIPT)) {
            t.awaitStdout("Attaching 3 probes...", Duration.ofSeconds(30));
            assertTrue(KernelObjects.perfEventFds(t.pid()) >= 3, "tracepoints and per-CPU profile events are open");
            t.signal(signal);
            Jbpftrace.Result r = t.await(Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().matches("(?s).*\n@calls: \\d+\n.*"), r::toString);
            assertTrue(r.stdout().contains("@switches["), r::toString);
            assertTrue(r.stderr().isEmpty(), r::toString);
        }
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }
}
