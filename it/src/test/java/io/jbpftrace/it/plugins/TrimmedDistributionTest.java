package io.jbpftrace.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Distributions;
import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The minimal tarball (tracepoint + profile + perf) runs as unpacked, and knows nothing of uprobes. */
@ExtendWith(RequiresRoot.class)
class TrimmedDistributionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        home = Distributions.unpack("jbpftrace-minimal", dir); // no CDS archive inside: runs without one
    }

    @Test
    void tracepointOneLinerRuns() {
        Jbpftrace.Result r = Jbpftrace.runAt(home, TIMEOUT, "-e",
                "tracepoint:sched:sched_switch { @switches = count(); } interval:ms:500 { exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("(?s)Attaching 2 probes\\.\\.\\.\n.*@switches: [1-9]\\d*\n.*"), r::toString);
    }

    @Test
    void uprobeScriptFailsWithTheMissingProviderError() {
        Jbpftrace.Result r = Jbpftrace.runAt(home, TIMEOUT, "-e", "uprobe:/bin/bash:readline {}");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no provider for probe type uprobe"), r::toString);
    }

    @Test
    void versionListsOnlyTheTrimmedProviders() {
        Jbpftrace.Result r = Jbpftrace.runAt(home, TIMEOUT, "-V");
        assertEquals(0, r.exitCode(), r::toString);
        for (String p : new String[] {"tracepoint", "profile", "interval", "software", "hardware"}) {
            assertTrue(r.stdout().contains("provider " + p + " "), p + "\n" + r);
        }
        for (String p : new String[] {"uprobe", "usdt", "kprobe"}) {
            assertFalse(r.stdout().contains("provider " + p + " "), p + "\n" + r);
        }
    }
}
