package io.jbpftrace.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.api.JBpftrace;
import io.jbpftrace.api.Trace;
import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many start/stop cycles leak nothing: in-process through the embedding API (this JVM's fds and
 * the kernel's objects before and after), and through the CLI (kernel objects). Cycle counts are
 * -Djbpftrace.it.cycles / -Djbpftrace.it.cliCycles (defaults 1000 and 20; about 60 s together here).
 */
@ExtendWith(RequiresRoot.class)
class StartStopCyclesTest {
    private static final int CYCLES = Integer.getInteger("jbpftrace.it.cycles", 1000);
    private static final int CLI_CYCLES = Integer.getInteger("jbpftrace.it.cliCycles", 20);

    private static String script() {
        return "tracepoint:syscalls:sys_enter_getppid { @tp = count(); } uprobe:" + Workload.testProgramPath()
                + ":main { @up = count(); }";
    }

    @Test
    void embeddedCyclesKeepFdsAndKernelObjectsFlat() throws Exception {
        try (JBpftrace jb = JBpftrace.builder().build()) {
            cycle(jb); // the first one opens what stays open for good (libraries, the JIT's files)
            int fdsBefore = openFds();
            Leftovers.Snapshot before = Leftovers.snapshot();
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) cycle(jb);
            long ms = (System.nanoTime() - start) / 1_000_000;
            int fdsAfter = openFds();
            System.out.println(CYCLES + " embedded start/stop cycles in " + ms + " ms; fds " + fdsBefore + " -> " + fdsAfter);
            assertEquals(fdsBefore, fdsAfter, "open fds of this JVM");
            Leftovers.assertNoneAddedSince(before);
        }
    }

    @Test
    void cliCyclesLeaveNothing() {
        Leftovers.Snapshot before = Leftovers.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < CLI_CYCLES; i++) {
            Jbpftrace.Result r = Jbpftrace.run("-e", script() + " BEGIN { exit(); }");
            assertEquals(0, r.exitCode(), r::toString);
        }
        System.out.println(CLI_CYCLES + " CLI runs in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        Leftovers.assertNoneAddedSince(before);
    }

    private static void cycle(JBpftrace jb) throws Exception {
        try (Trace t = jb.start(script())) {
            assertEquals(2, t.attachedCount());
        }
    }

    private static int openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        }
    }
}
