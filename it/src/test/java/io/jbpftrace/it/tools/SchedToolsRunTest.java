package io.jbpftrace.it.tools;

import static io.jbpftrace.it.tools.ToolOutput.assertMatches;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler tools (runqlen, offcputime, naptime) against workloads of known shape. */
@ExtendWith(RequiresRoot.class)
class SchedToolsRunTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void runqlenSeesThreadsQueuedOnABusyCpu() {
        try (ToolRun t = ToolRun.start("runqlen").awaitAttached(ToolRun.onlineCpus())) {
            // Three spinners on CPU 0 for a second: one runs, at least two wait at every sample there.
            Commands.run("sh", "-c", "for i in 1 2 3; do timeout 1 taskset -c 0 sh -c 'while :; do :; done' & done; wait");
            Jbpftrace.Result r = t.interrupt();
            String hist = ToolOutput.section("@runqlen", r);
            long queued = ToolOutput.sum("(?m)^\\[(?:[2-9]|\\d{2,}), \\d+\\) +(\\d+) ", hist);
            assertTrue(queued >= 50, "about 99 samples of CPU 0 with two or more threads waiting, found " + queued + "\n" + r);
        }
    }

    @Test
    void offcputimeSumsTheSleepOfTheGivenProcess() {
        try (Commands.Held sleep = Commands.heldUntilGo("sleep 0.3");
             ToolRun t = ToolRun.start("offcputime", Long.toString(sleep.pid())).awaitAttached(1)) {
            sleep.goAndWait();
            Jbpftrace.Result r = t.interrupt();
            // Entries are "@us[" kernel frames "," user frames ", comm]: microseconds".
            long slept = Arrays.stream(r.stdout().split("(?m)^@us\\["))
                    .filter(e -> e.contains("nanosleep"))
                    .map(e -> Pattern.compile(", sleep\\]: (\\d+)\\n").matcher(e))
                    .filter(Matcher::find)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
            assertTrue(slept >= 250_000 && slept < 5_000_000, "sleep 0.3 was off CPU in nanosleep for " + slept + " us\n" + r);
            assertTrue(r.stdout().startsWith("Attaching 3 probes...\nTracing off-CPU time (us) of PID " + sleep.pid()), r::toString);
        }
    }

    @Test
    void naptimeShowsSleepsWithTheirDuration() {
        try (Workload napper = Workload.testProgram("nanosleep", "0", "300000000");
             ToolRun t = ToolRun.start("naptime").awaitAttached(2)) {
            Commands.run("sleep", "0.25");
            napper.go();
            napper.awaitDone(Duration.ofSeconds(10));
            t.awaitStdout(" 0.300\n");
            Jbpftrace.Result r = t.interrupt();
            // sleep(1) uses clock_nanosleep on CLOCK_REALTIME; the workload calls nanosleep itself.
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d " + SELF + " +.{16} \\d+ +sleep +0 +0\\.250$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d " + SELF + " +.{16} " + napper.pid() + " +workload +1 +0\\.300$", r);
        }
    }
}
