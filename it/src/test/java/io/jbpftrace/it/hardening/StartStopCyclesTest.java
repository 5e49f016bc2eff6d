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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many start/stop cycles leak nothing: in-process through the embedding API (this JVM's fds and
 * the kernel's objects before and after), and through the CLI (kernel objects). Cycle counts are
 * -Djbpftrace.it.cycles / -Djbpftrace.it.cliCycles (defaults 200 and 20, about 60 s together here under load;
 * 1000 embedded cycles took 116 s).
 */
@ExtendWith(RequiresRoot.class)
class StartStopCyclesTest {
    private static final int CYCLES = Integer.getInteger("jbpftrace.it.cycles", 200);
    private static final int CLI_CYCLES = Integer.getInteger("jbpftrace.it.cliCycles", 20);

    private static String script() {
        return "tracepoint:syscalls:sys_enter_getppid { @tp = count(); } uprobe:" + Workload.testProgramPath()
                + ":main { @up = count(); }";
    }

    @Test
    void embeddedCyclesKeepFdsAndKernelObjectsFlat() throws Exception {
        try (JBpftrace jb = JBpftrace.builder().build()) {
            for (int i = 0; i < 3; i++) cycle(jb); // the first ones open what stays open for good (libraries, caches)
            List<String> fdsBefore = openFds();
            Leftovers.Snapshot before = Leftovers.snapshot();
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) cycle(jb);
            long ms = (System.nanoTime() - start) / 1_000_000;
            List<String> fdsAfter = openFds();
            System.out.println(CYCLES + " embedded start/stop cycles in " + ms + " ms; fds " + fdsBefore.size() + " -> " + fdsAfter.size());
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

    /** "fd -> target" of this JVM, sorted; the listing's own directory fd is the same each time. */
    private static List<String> openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + " (closed)";
                }
            }).filter(s -> !s.endsWith("(closed)")).sorted().collect(Collectors.toList());
        }
    }
}
