package io.jbpftrace.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The helpers themselves, against the real system (no jbpftrace involved). */
@ExtendWith(RequiresRoot.class)
class HarnessTest {

    @Test
    void catLoopRunsUntilClosed() {
        long pid;
        try (Workload w = Workload.catLoop()) {
            pid = w.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void testProgramWaitsForGoThenWorks() {
        try (Workload w = Workload.testProgram("read", "64", "10")) {
            w.go();
            assertTrue(w.awaitDone(Duration.ofSeconds(10)).contains("ready " + w.pid()));
        }
    }

    @Test
    void snapshotsSeeAMapThatBpftoolCreates() throws Exception {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        // bpftool holds the map only while it runs, so a fresh map appears and then must vanish.
        Process p = new ProcessBuilder("bpftool", "map", "create", "/sys/fs/bpf/jbpftrace_it_probe",
                "type", "array", "key", "4", "value", "8", "entries", "1", "name", "jbpftrace_it").inheritIO().start();
        assertEquals(0, p.waitFor());
        try {
            assertFalse(KernelObjects.mapIds().equals(before.mapIds()), "pinned map not seen");
        } finally {
            new ProcessBuilder("rm", "-f", "/sys/fs/bpf/jbpftrace_it_probe").inheritIO().start().waitFor();
        }
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void backgroundRunWaitsForOutputAndStopsOnSigint() {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        try (Jbpftrace.Background run = Jbpftrace.start("-e", "BEGIN { printf(\"started\\n\"); }")) {
            run.awaitStdout("started", Duration.ofSeconds(30));
            assertTrue(KernelObjects.bpfFds(run.pid()) > 0, "a tracing jbpftrace holds BPF fds");
            run.sigint();
            Jbpftrace.Result r = run.await(Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.toString());
        }
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void fdCountsOfThisJvmAreZero() {
        assertEquals(0, KernelObjects.perfEventFds(ProcessHandle.current().pid()));
        assertEquals(0, KernelObjects.bpfFds(ProcessHandle.current().pid()));
    }
}
