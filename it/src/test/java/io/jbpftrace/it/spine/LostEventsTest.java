package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events a full output ring drops are counted and reported as bpftrace does: none vanishes unsaid. */
@ExtendWith(RequiresRoot.class)
class LostEventsTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String FLOOD = "BEGIN { $i = 0; while ($i < 20000) { printf(\"%d\\n\", $i); $i++; } exit(); }";

    /** BEGIN's ring is read only after BEGIN returns, so 20000 lines cannot all fit. */
    @Test void aFloodInBeginIsReportedAsLost() {
        Jbpftrace.Result r = Jbpftrace.run("-e", FLOOD);
        assertEquals(0, r.exitCode(), r::toString);
        long printed = r.stdout().lines().filter(l -> l.matches("\\d+")).count();
        long lost = lost(r.stdout(), "(?m)^Lost (\\d+) events$");
        assertTrue(lost > 0, r::toString);
        assertEquals(20000, printed + lost, r::toString);
    }

    /**
     * BEGIN's 256 KiB ring takes less than its size: 6553 records of 40 bytes (8 of ring header, 8 of
     * ours, 3 numbers) leave 24 bytes, too few for exit()'s 24-byte record. The run ends all the same.
     */
    @Test void anExitWhoseRecordAFullRingDroppedStillEndsTheRun() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { $i = 0; while ($i < 10000) { printf(\"%d %d %d\\n\", $i, $i, $i); $i++; } exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        long printed = r.stdout().lines().filter(l -> l.matches("(\\d+) \\1 \\1")).count();
        assertEquals(6553, printed, r::toString);
        assertEquals(10000 - 6553, lost(r.stdout(), "(?m)^Lost (\\d+) events$"), r::toString);
    }

    @Test void jsonSaysLostEventsToo() {
        Jbpftrace.Result r = Jbpftrace.run("-f", "json", "-e", FLOOD);
        assertEquals(0, r.exitCode(), r::toString);
        long printed = r.stdout().lines().filter(l -> l.startsWith("{\"type\": \"printf\"")).count();
        long lost = lost(r.stdout(), "(?m)^\\{\"type\": \"lost_events\", \"data\": \\{\"events\": (\\d+)\\}\\}$");
        assertTrue(lost > 0, r::toString);
        assertEquals(20000, printed + lost, r::toString);
    }

    /** While tracing: each of 100000 reads is printed or counted lost, whether or not the ring overflows. */
    @Test void everyEventIsPrintedOrCountedWhileTracing() {
        try (Workload w = Workload.testProgram("read", "1", "100000");
             Jbpftrace.Background t = Jbpftrace.start("-e", "tracepoint:syscalls:sys_enter_read /pid == " + w.pid()
                     + "/ { printf(\"read %s %s %s\\n\", comm, comm, comm); }")) {
            t.awaitStdout("Attaching 1 probe...", RUN);
            w.go();
            w.awaitDone(RUN);
            t.sigint();
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
            long printed = r.stdout().lines().filter(l -> l.equals("read workload workload workload")).count();
            long lost = lost(r.stdout(), "(?m)^Lost (\\d+) events$");
            assertEquals(100000, printed + lost, () -> "printed " + printed + " lost " + lost);
        }
    }

    private static long lost(String out, String pattern) {
        long total = 0;
        for (Matcher m = Pattern.compile(pattern).matcher(out); m.find(); ) total += Long.parseLong(m.group(1));
        return total;
    }
}
