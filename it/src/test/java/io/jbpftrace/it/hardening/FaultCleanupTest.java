package io.jbpftrace.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * However a run ends (signal, a reader that goes away, SIGKILL, an attach failure halfway), it
 * leaves no program, map, link or tracefs entry behind, and the same script runs again right after.
 * About 40 s in all, most of it the 200-probe attach failure.
 */
@ExtendWith(RequiresRoot.class)
class FaultCleanupTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A tracepoint, a uprobe (on the C test program) and per-CPU perf events. */
    private static String script() {
        return "tracepoint:raw_syscalls:sys_enter { @calls = count(); } uprobe:" + Workload.testProgramPath()
                + ":main { @mains = count(); } profile:hz:49 { @ticks = count(); }";
    }

    /**
     * INT and TERM end the run like exit() (maps printed, status 0); HUP kills bpftrace 0.17 at once
     * (status 129, nothing printed) and so does it here: the JVM's own SIGHUP exit.
     */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 0", "TERM, 0", "HUP, 129", "KILL, 137"})
    void aSignalLeavesNothingBehind(String signal, int status) {
        Leftovers.Snapshot before = Leftovers.snapshot();
        try (Jbpftrace.Background t = Jbpftrace.start("-e", script())) {
            t.awaitStdout("Attaching 3 probes...", WAIT);
            assertTrue(KernelObjects.perfEventFds(t.pid()) >= 3, "tracepoint, uprobe and profile events are open");
            t.signal(signal);
            Jbpftrace.Result r = t.await(WAIT);
            assertEquals(status, r.exitCode(), r::toString);
            assertEquals(status == 0, r.stdout().contains("\n@calls: "), r::toString);
            assertFalse(r.stderr().contains("Exception"), r::toString);
        }
        Leftovers.assertNoneAddedSince(before);
        assertSecondRunWorks();
    }

    /**
     * A background job of a script starts with SIGINT ignored (POSIX shells do that), and the JVM then
     * never handles it; bpftrace still ends on it like on Ctrl-C, and so must we.
     */
    @Test
    void sigintEndsARunStartedAsABackgroundJobOfAScript(@TempDir Path dir) throws Exception {
        Path out = Files.createFile(dir.resolve("out"));
        String job = "'" + Jbpftrace.launcher() + "' -e 'BEGIN { @begun = 1; } interval:ms:50 { @ticks = count(); }' >'" + out + "' 2>&1 & echo $!; wait $!; echo status $?";
        Process sh = new ProcessBuilder("sh", "-c", job).redirectErrorStream(true).start();
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8));
        long pid = Long.parseLong(lines.readLine().strip());
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.readString(out).contains("Attaching 2 probes...") && System.nanoTime() < deadline) Thread.sleep(50);
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            assertTrue(sh.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "SIGINT did not end the background job");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertEquals("status 0", lines.readLine(), Files.readString(out));
        assertTrue(Files.readString(out).contains("\n@begun: 1\n"), Files.readString(out)); // ended like Ctrl-C: maps printed
    }

    /** `| head -1`: bpftrace dies of SIGPIPE (141) without a word; here the same status, quietly, at once. */
    @Test
    void aReaderThatLeavesEndsTheRunQuietly(@TempDir Path dir) throws Exception {
        Leftovers.Snapshot before = Leftovers.snapshot();
        Path stderr = dir.resolve("stderr");
        String pipeline = "'" + Jbpftrace.launcher() + "' -e 'tracepoint:raw_syscalls:sys_enter { printf(\"%d\\n\", pid); }' 2>'"
                + stderr + "' | head -1; exit ${PIPESTATUS[0]}";
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", pipeline).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "still running after the reader left");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(141, p.exitValue(), out);
        assertEquals("Attaching 1 probe...\n", out);
        assertEquals("", Files.readString(stderr));
        System.out.println("closed stdout: exit 141 after " + ms + " ms (JVM start included)");
        Leftovers.assertNoneAddedSince(before);
        assertSecondRunWorks();
    }

    /**
     * Exactly one of 200 uprobes cannot attach: its function starts with int3, which the kernel's
     * uprobe code refuses (ENOTSUPP) when a running process maps the binary. One error naming the
     * probe, status 1, and the 100 probes attached before it are gone too.
     */
    @Test
    void anAttachFailureHalfwayDetachesEverything(@TempDir Path dir) throws Exception {
        Path binary = ManyFunctions.build(dir, 200, 100);
        Process running = ManyFunctions.start(binary);
        try {
            Leftovers.Snapshot before = Leftovers.snapshot();
            long start = System.nanoTime();
            Jbpftrace.Result r = Jbpftrace.run(Duration.ofSeconds(120), "-e", "uprobe:" + binary + ":fn* { @ = count(); }");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, r.exitCode(), r::toString);
            assertEquals("", r.stdout(), r::toString);
            assertEquals("ERROR: Error attaching probe: uprobe:" + binary + ":fn0100: uprobe " + binary + ":0x"
                    + Long.toHexString(ManyFunctions.fileOffset(binary, "fn0100")) + ": Operation not supported\n", r.stderr(), r::toString);
            System.out.println("attach failure at probe 101 of 200: exit 1 after " + ms + " ms");
            Leftovers.assertNoneAddedSince(before);
            Jbpftrace.Result again = Jbpftrace.run(WAIT, "-e", "uprobe:" + binary + ":fn00* { @ = count(); } interval:ms:200 { exit(); }");
            assertEquals(0, again.exitCode(), again::toString);
            assertTrue(again.stdout().startsWith("Attaching 101 probes...\n"), again::toString);
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    private static void assertSecondRunWorks() {
        Jbpftrace.Result r = Jbpftrace.run(WAIT, "-e", script() + " interval:ms:300 { exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("Attaching 4 probes...\n") && r.stdout().contains("\n@calls: "), r::toString);
    }

    /** A generated C program with many small functions, one of them starting with an unprobeable int3. */
    static final class ManyFunctions {
        private ManyFunctions() {}

        static Path build(Path dir, int count, int bad) throws IOException, InterruptedException {
            StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <unistd.h>\n");
            for (int i = 0; i < count; i++) {
                c.append(i == bad
                        ? String.format("__attribute__((naked, noinline)) void fn%04d(void) { __asm__(\"int3\\n\\tret\"); }%n", i)
                        : String.format("__attribute__((noinline)) int fn%04d(int x) { return x + %d; }%n", i, i));
            }
            c.append("int main(void) { printf(\"ready\\n\"); fflush(stdout); pause(); return 0; }\n");
            Path source = dir.resolve("many.c"), binary = dir.resolve("many");
            Files.writeString(source, c);
            io.jbpftrace.testsupport.Commands.run(java.util.List.of("gcc", "-O1", "-o", binary.toString(), source.toString()));
            return binary;
        }

        /** Started and mapped, so the kernel inspects each probed instruction while attaching. */
        static Process start(Path binary) throws IOException {
            Process p = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
            byte[] ready = p.getInputStream().readNBytes(6);
            if (!new String(ready, StandardCharsets.US_ASCII).equals("ready\n")) throw new IOException("many did not start");
            return p;
        }

        static long fileOffset(Path binary, String function) throws IOException, InterruptedException {
            return io.jbpftrace.testsupport.Commands.objdumpFileOffset(binary, function);
        }
    }
}
