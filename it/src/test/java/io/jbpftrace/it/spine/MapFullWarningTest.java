package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * -k on a full map: BPFTRACE_MAP_KEYS_MAX=2 leaves no room for a third key, the update fails with
 * E2BIG and the warning names the assignment, exactly as bpftrace 0.17 prints it (positions in our
 * format). Goldens cannot set the environment, hence this test.
 */
@ExtendWith(RequiresRoot.class)
class MapFullWarningTest {

    @Test
    void aFailedUpdateIsReportedAtTheAssignment() throws Exception {
        assertEquals("""
                Attaching 1 probe...
                stdin:1:34: WARNING: Failed to map_update_elem: Argument list too long (-7)
                BEGIN { @[1] = 1; @[2] = 2; @[3] = 3; exit(); }
                                                 ^


                @[1]: 1
                @[2]: 2
                """, run("BEGIN { @[1] = 1; @[2] = 2; @[3] = 3; exit(); }"));
    }

    @Test
    void aFailedAggregationUpdateIsReportedAtTheCall() throws Exception {
        assertEquals("""
                Attaching 1 probe...
                stdin:1:68: WARNING: Failed to map_update_elem: Argument list too long (-7)
                BEGIN { @a[1] = count(); @a[2] = count(); @a[2] = count(); @a[3] = count(); exit(); }
                                                                                   ^~~~~~~


                @a[1]: 1
                @a[2]: 2
                """, run("BEGIN { @a[1] = count(); @a[2] = count(); @a[2] = count(); @a[3] = count(); exit(); }"));
    }

    @Test
    void withoutKNothingIsSaid() throws Exception {
        assertEquals("Attaching 1 probe...\n\n\n@[1]: 1\n@[2]: 2\n", runWith(List.of(), "BEGIN { @[1] = 1; @[2] = 2; @[3] = 3; exit(); }"));
    }

    /**
     * bpftrace 0.17 without -k prints the same (incomplete) totals and says nothing (its issue #2809);
     * here the same stdout, and at exit one warning per map found full on stderr.
     */
    @Test
    void withoutKAFullMapIsNamedOnStderr() {
        Jbpftrace.Result r = runWithLimit2("BEGIN { @a[1] = count(); @a[2] = count(); @a[3] = count(); @a[3] = count(); @a[1] = count(); @b = 1; exit(); }");
        assertEquals("Attaching 1 probe...\n\n\n@a[2]: 1\n@a[1]: 2\n@b: 1\n", r.stdout(), r::toString);
        assertEquals("WARNING: map @a reached its limit of 2 keys; updates adding new keys were dropped"
                + " (raise BPFTRACE_MAP_KEYS_MAX or config max_map_keys; -k reports each)\n", r.stderr(), r::toString);
    }

    /** A histogram holds one key per (key, bucket): the third bucket does not fit, as in bpftrace (stdout compared with it). */
    @Test
    void aHistogramOutOfBucketSlotsIsNamed() {
        Jbpftrace.Result r = runWithLimit2("BEGIN { @h[7] = hist(1); @h[7] = hist(2); @h[7] = hist(4); @h[7] = hist(1); exit(); }");
        assertEquals("Attaching 1 probe...\n\n\n@h[7]: \n"
                + "[1]                    2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
                + "[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n\n", r.stdout(), r::toString);
        assertEquals("WARNING: map @h reached its limit of 2 keys; updates adding new keys were dropped"
                + " (raise BPFTRACE_MAP_KEYS_MAX or config max_map_keys; -k reports each)\n", r.stderr(), r::toString);
    }

    @Test
    void mapsBelowTheLimitAreNotNamed() {
        Jbpftrace.Result r = runWithLimit2("BEGIN { @a[1] = count(); @a[1] = count(); @b = 1; exit(); }");
        assertEquals("Attaching 1 probe...\n\n\n@a[1]: 2\n@b: 1\n", r.stdout(), r::toString);
        assertEquals("", r.stderr(), r::toString);
    }

    private static Jbpftrace.Result runWithLimit2(String script) {
        Jbpftrace.Result r = Jbpftrace.runWithEnv(java.util.Map.of("BPFTRACE_MAP_KEYS_MAX", "2"), Jbpftrace.DEFAULT_TIMEOUT, "-e", script);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static String run(String script) throws Exception { return runWith(List.of("-k"), script); }

    private static String runWith(List<String> flags, String script) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Jbpftrace.launcher().toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("-e", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BPFTRACE_MAP_KEYS_MAX", "2");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jbpftrace did not exit: " + cmd);
        }
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
