package io.jbpftrace.it.perf;

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

/** Issue 5's acceptance one-liners through the CLI: software events, kernel stacks, no PMU here. */
@ExtendWith(RequiresRoot.class)
class PerfAndProfileTest {
    private static final Duration ATTACH = Duration.ofSeconds(30), RUN = Duration.ofSeconds(30);

    @Test
    void pageFaultsOfAWorkloadAreCounted() {
        int pages = 500;
        try (Workload w = Workload.testProgram("touch", String.valueOf(pages));
             Jbpftrace.Background t = Jbpftrace.start("-e", "software:page-faults:1 /pid == " + w.pid() + "/ { @ = count(); }")) {
            t.awaitStdout("Attaching 1 probe...", ATTACH);
            w.go();
            w.awaitDone(RUN);
            t.sigint();
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
            Matcher m = Pattern.compile("(?m)^@: (\\d+)$").matcher(r.stdout());
            assertTrue(m.find(), r::toString);
            assertTrue(Long.parseLong(m.group(1)) >= pages, "touched " + pages + " pages, counted " + m.group(1));
        }
    }

    @Test
    void profileShowsSymbolizedKernelStacks() {
        try (Workload busy = Workload.shell("while :; do cat /proc/self/stat > /dev/null; done")) {
            Jbpftrace.Result r = Jbpftrace.run("-e", "profile:hz:99 { @[kstack] = count(); } interval:s:2 { exit(); }");
            assertEquals(0, r.exitCode(), r::toString);
            // bpftrace's layout: "@[" newline, 4-space indented "symbol+offset" frames, "]: count"
            assertTrue(Pattern.compile("(?m)^@\\[\\n(    [A-Za-z_.][\\w.]*\\+\\d+\\n)+\\]: \\d+$").matcher(r.stdout()).find(), r::toString);
            assertTrue(r.stdout().contains("entry_SYSCALL_64") || r.stdout().contains("do_syscall_64"), r::toString);
        }
    }

    @Test
    void aStoredStackKeepsItsFramesWhenUsedLaterAsAKey() {
        // BEGIN's stack (a test run) and interval's (a timer interrupt) differ; @x must get BEGIN's.
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { @k = kstack; } interval:ms:100 { @x[@k] = count(); @now[kstack] = count(); exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        Matcher stored = Pattern.compile("(?ms)^@k: \\n(.*?)\\n\\n").matcher(r.stdout());
        Matcher keyed = Pattern.compile("(?ms)^@x\\[\\n(.*?)\\n\\]: 1$").matcher(r.stdout());
        Matcher now = Pattern.compile("(?ms)^@now\\[\\n(.*?)\\n\\]: 1$").matcher(r.stdout());
        assertTrue(stored.find() && keyed.find() && now.find(), r::toString);
        // A map value is indented by 8, a key by 4 (as bpftrace prints them): compare the frames.
        assertEquals(stored.group(1).replaceAll("(?m)^ +", ""), keyed.group(1).replaceAll("(?m)^ +", ""), r::toString);
        assertTrue(!keyed.group(1).equals(now.group(1)), r::toString);
    }

    @Test
    void hardwareProbeSaysThereIsNoPmu() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "hardware:cycles:1000000 { @ = count(); }");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no hardware PMU"), r::toString);
        assertTrue(!r.stderr().contains("Exception"), r::toString);
    }
}
