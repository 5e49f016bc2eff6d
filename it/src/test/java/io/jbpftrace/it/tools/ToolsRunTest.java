package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.jbpftrace.it.tools.ToolOutput.assertMatches;
import static io.jbpftrace.it.tools.ToolOutput.number;
import static io.jbpftrace.it.tools.ToolOutput.section;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each shipped tool (the distribution's tools/*.bt), run as a user would against a small workload
 * that triggers it, then stopped with Ctrl-C: its output must show the workload.
 */
@ExtendWith(RequiresRoot.class)
class ToolsRunTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir Path dir;

    @Test
    void opensnoopShowsOpenedAndMissingFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("opened"), "x");
        String missing = dir.resolve("missing").toString();
        try (ToolRun t = ToolRun.start("opensnoop").awaitAttached(2)) {
            Commands.run("cat", file.toString());
            Commands.run("cat", missing);
            t.awaitStdout(missing + "\n");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("PID    COMM              FD ERR PATH\n"), r::toString);
            assertMatches("(?m)^\\d+ +cat +\\d+ +0 " + Pattern.quote(file.toString()) + "$", r);
            assertMatches("(?m)^\\d+ +cat +-1 +2 " + Pattern.quote(missing) + "$", r); // ENOENT
        }
    }

    @Test
    void execsnoopShowsTheProgramItsParentAndFailures() throws IOException {
        Path program = Files.copy(Path.of("/bin/true"), dir.resolve("jbt-true"), StandardCopyOption.COPY_ATTRIBUTES);
        String missing = dir.resolve("no-such-program").toString();
        try (ToolRun t = ToolRun.start("execsnoop").awaitAttached(2)) {
            Commands.run(program.toString(), "one", "two");
            Commands.run("sh", "-c", missing);
            t.awaitStdout(missing + " ");
            Jbpftrace.Result r = t.interrupt();
            // Started by this JVM, so its parent is this process.
            assertMatches("(?m)^\\d+ +\\d+ +" + SELF + " +0 " + Pattern.quote(program.toString()) + " one two +$", r);
            assertMatches("(?m)^\\d+ +\\d+ +\\d+ +-2 " + Pattern.quote(missing) + " +$", r);
        }
    }

    @Test
    void syscountCountsTheBusiestProcess() {
        try (ToolRun t = ToolRun.start("syscount").awaitAttached(1)) {
            // One byte at a time: 100000 reads and 100000 writes.
            Commands.run("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=100000", "status=none");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("Top 10 syscalls IDs:\n"), r::toString);
            assertMatches("(?m)^@syscall\\[0\\]: \\d+$", r); // read
            long dd = number("(?m)^@process\\[dd\\]: (\\d+)$", r);
            assertTrue(dd >= 200_000, "dd made 200000 read/write calls, counted " + dd);
        }
    }

    @Test
    void bitesizeHistogramsDirectWritesOfSixteenKilobytes() {
        try (ToolRun t = ToolRun.start("bitesize").awaitAttached(1)) {
            directWrites(20);
            Jbpftrace.Result r = t.interrupt();
            long writes = number("(?m)^@\\[dd\\]: *\\n(?:\\[.*\\n)*?\\[16K, 32K\\) +(\\d+) ", r);
            assertTrue(writes >= 20, "dd wrote 20 blocks of 16 KiB with O_DIRECT, histogram holds " + writes);
        }
    }

    @Test
    void biolatencyHistogramsEveryCompletedRequest() {
        try (ToolRun t = ToolRun.start("biolatency").awaitAttached(2)) {
            directWrites(20);
            Jbpftrace.Result r = t.interrupt();
            String hist = section("@usecs", r);
            long total = ToolOutput.sum("(?m)^\\[.*\\) +(\\d+) ", hist);
            assertTrue(total >= 20, "20 synchronous writes completed, histogram holds " + total + "\n" + r);
            assertFalse(r.stdout().contains("@start"), "END clears the in-flight map\n" + r);
        }
    }

    @Test
    void runqlatHistogramsWakeupLatency() {
        try (ToolRun t = ToolRun.start("runqlat").awaitAttached(3)) {
            Commands.run("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 0.01; done");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^@usecs: *\\n\\[\\d+", r);
            assertFalse(r.stdout().contains("@qtime"), "END clears the timestamps\n" + r);
        }
    }

    @Test
    void killsnoopShowsTheSignalTargetAndResult() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        long target = sleeper.pid();
        try (ToolRun t = ToolRun.start("killsnoop").awaitAttached(2)) {
            Commands.run("kill", "-15", Long.toString(target));
            sleeper.waitFor();
            Commands.run("kill", "-0", Long.toString(target)); // gone now: ESRCH
            t.awaitStdout(" 0    " + target + " ");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +kill +15 +" + target + " +0$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +kill +0 +" + target + " +-3$", r);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void pidpersecCountsForksEverySecond() {
        try (ToolRun t = ToolRun.start("pidpersec").awaitAttached(2)) {
            Commands.run("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do /bin/true; done");
            ToolRun.sleep(1500); // let the next interval print the count
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d$", r);
            long forks = ToolOutput.sum("(?m)^@: (\\d+)$", r.stdout());
            assertTrue(forks >= 20, "the shell forked 20 times, counted " + forks + "\n" + r);
        }
    }

    @Test
    void writesizeTracesOnlyTheGivenPid() {
        try (Commands.Held dd = Commands.heldUntilGo("dd if=/dev/zero of=/dev/null bs=600 count=10 status=none");
             ToolRun t = ToolRun.start("writesize", Long.toString(dd.pid())).awaitAttached(1)) {
            dd.goAndWait();
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^@bytes\\[dd\\]: *\\n\\[512, 1K\\) +10 ", r);
            assertMatches("(?m)^@total\\[dd\\]: 6000$", r);
            assertFalse(Pattern.compile("(?m)^@(bytes|total)\\[(?!dd\\])").matcher(r.stdout()).find(),
                    "only the given pid is traced\n" + r);
        }
    }

    @Test
    void cpuwalkSamplesBusyCpus() throws IOException {
        try (ToolRun t = ToolRun.start("cpuwalk").awaitAttached(ToolRun.onlineCpus())) {
            Commands.run("timeout", "1", "sh", "-c", "while :; do :; done");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^@cpu: *\\n\\[\\d+, \\d+\\) +\\d+ ", r);
        }
    }

    @Test
    void oomkillAttachesAndEndsCleanly() {
        // Provoking the OOM killer would endanger the machine; this checks the probe loads and attaches.
        try (ToolRun t = ToolRun.start("oomkill").awaitAttached(1)) {
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().startsWith("Attaching 2 probes...\nTracing OOM kills... Hit Ctrl-C to end.\n"), r::toString);
        }
    }

    @Test
    void mallocstacksSumsBytesByUserStack() {
        // sort allocates its buffers, then waits on stdin: still alive when the tool prints, so its
        // stacks can be symbolized (those of an exited process cannot, in bpftrace either).
        try (Commands.Held sort = Commands.heldUntilGo("sort");
             ToolRun t = ToolRun.start("mallocstacks", Long.toString(sort.pid())).awaitAttached(1)) {
            sort.go();
            sort.awaitBlockedAs("sort");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^@bytes\\[\\n +\\S*malloc\\S*\\+0\\n", r);
            assertTrue(number("(?m)^@calls: (\\d+)$", r) > 0, r::toString);
        }
    }

    @Test
    void mallocstacksWithoutPidPrintsUsage() {
        try (ToolRun t = ToolRun.start("mallocstacks")) {
            Jbpftrace.Result r = t.finish();
            assertTrue(r.stdout().contains("USAGE: mallocstacks.bt PID\n"), r::toString);
        }
    }

    @Test
    void threadsnoopShowsThreadsThisJvmStarts() throws InterruptedException {
        try (ToolRun t = ToolRun.start("threadsnoop").awaitAttached(1)) {
            Thread thread = new Thread(() -> { }, "jbt-threadsnoop");
            thread.start();
            thread.join();
            // The start routine: a symbol of libjvm, or an address when it cannot be resolved.
            Pattern line = Pattern.compile("(?m)^\\d+ +" + SELF + " +.{16} \\S+$");
            long deadline = System.nanoTime() + ToolRun.STOP.toNanos();
            while (!line.matcher(t.stdoutSoFar()).find() && System.nanoTime() < deadline) ToolRun.sleep(50);
            Jbpftrace.Result r = t.interrupt();
            assertMatches(line.pattern(), r);
        }
    }

    /** dd writing 16 KiB blocks to a file with O_DIRECT: each block is one request to the disk. */
    private void directWrites(int blocks) {
        int rc = Commands.run("dd", "if=/dev/zero", "of=" + dir.resolve("direct.dat"), "bs=16k",
                "count=" + blocks, "oflag=direct", "status=none");
        assertEquals(0, rc, "dd with oflag=direct failed (does the temp folder's file system support O_DIRECT?)");
    }
}
