package io.jbpftrace.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Distributions;
import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider bundle built outside core (it/sample-provider-rawtracepoint) adds a probe type to a
 * copy of the distribution by being dropped into bundle/, with no rebuild; without it the same
 * script fails with the missing-provider error.
 */
@ExtendWith(RequiresRoot.class)
class ThirdPartyProviderTest {
    private static final String SCRIPT = "rawtracepoint:sched_switch { @ = count(); } interval:s:1 { exit(); }";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path dir;
    static Path withBundle, without;

    @BeforeAll
    static void distributions() throws Exception {
        withBundle = Distributions.copy(dir.resolve("with"));
        Files.copy(Distributions.sampleProviderBundle(), withBundle.resolve("bundle/sample-provider-rawtracepoint.jar"));
        without = Distributions.copy(dir.resolve("without"));
    }

    @Test
    void droppedInBundleServesItsProbeType() {
        Jbpftrace.Result r = Jbpftrace.runAt(withBundle, TIMEOUT, "-e", SCRIPT);
        assertEquals(0, r.exitCode(), r::toString);
        Matcher count = Pattern.compile("(?m)^@: (\\d+)$").matcher(r.stdout());
        assertTrue(count.find(), r::toString);
        assertTrue(Long.parseLong(count.group(1)) > 0, r::toString);
    }

    @Test
    void argBuiltinsReadTheRawArguments() {
        // sched_switch(bool preempt, prev, next, ...): arg1 and arg2 are task pointers, never 0.
        Jbpftrace.Result r = Jbpftrace.runAt(withBundle, TIMEOUT, "-e",
                "rt:sched_switch { @nonzero[arg1 != 0 && arg2 != 0] = count(); } interval:ms:500 { exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("@nonzero[1]: "), r::toString);
        assertTrue(!r.stdout().contains("@nonzero[0]"), r::toString);
    }

    @Test
    void versionListsTheThirdPartyBundle() {
        Jbpftrace.Result r = Jbpftrace.runAt(withBundle, TIMEOUT, "--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("provider rawtracepoint 0.1.0 (org.example.jbpftrace.rawtracepoint)"), r::toString);
    }

    @Test
    void withoutTheBundleTheProbeTypeIsMissing() {
        Jbpftrace.Result r = Jbpftrace.runAt(without, TIMEOUT, "-e", SCRIPT);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no provider for probe type rawtracepoint"), r::toString);
        assertTrue(r.stdout().isEmpty(), r::toString);
    }
}
