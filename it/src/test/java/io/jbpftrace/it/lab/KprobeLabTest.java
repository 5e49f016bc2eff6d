package io.jbpftrace.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.Workload;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kprobes for real, on Debian's kernel in the qemu lab: the built CLI runs in the guest (which sees
 * this machine's root read-only) through kprobe-lab.sh, one boot for every check, since a JVM run
 * there takes about a minute. Each check prints a section {@code === name} … {@code === name rc=N}.
 */
class KprobeLabTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(25);
    private static LabSections sections;
    private static LabResult result;

    @BeforeAll static void runInTheLab() throws URISyntaxException {
        assumeTrue(KernelLab.available(), () -> "kernel lab unavailable, skipping: " + KernelLab.unavailableReason());
        Path script = Path.of(KprobeLabTest.class.getResource("kprobe-lab.sh").toURI());
        // The guest has no JAVA_HOME of its own: the launcher gets this JVM's, visible through the shared root.
        String command = "export JAVA_HOME=" + System.getProperty("java.home") + "; sh " + script + " "
                + Jbpftrace.launcher() + " " + Workload.testProgramPath();
        result = KernelLab.run(command, TIMEOUT);
        System.out.printf("kprobe lab: boot %d ms, whole run %d ms%n", result.bootTime().toMillis(), result.elapsed().toMillis());
        sections = new LabSections(result);
        // What CI logs keep: each check's exit code and how many probes it attached.
        sections.all().forEach((name, s) -> System.out.printf("kprobe lab: %s rc=%d %s%n", name, s.rc(),
                s.output().lines().filter(l -> l.startsWith("Attaching") || l.contains("kprobes-registered")).toList()));
    }

    private static LabSections.Section section(String name) { return sections.section(name); }

    private static LabSections.Section succeeded(String name) { return sections.succeeded(name); }

    private static long bucketTotal(String output) { return LabSections.bucketTotal(output); }

    private static int count(String regex, String text) { return LabSections.count(regex, text); }

    @Test void latencyHistogramOfTheWorkloadsReads() {
        String out = succeeded("latency").output();
        assertTrue(out.startsWith("Attaching 2 probes...\n"), out);
        assertTrue(out.contains("\n@ns: \n"), out);
        assertEquals(50, bucketTotal(out), out); // workload read 100 50: exactly 50 reads of 100 bytes
    }

    @Test void linearHistogramOfReturnValues() {
        String out = succeeded("lhist").output();
        assertTrue(out.contains("\n@bytes: \n"), out);
        Matcher dd = Pattern.compile("(?m)^\\[400, 600\\)\\s+(\\d+) \\|").matcher(out);
        assertTrue(dd.find(), out);
        assertTrue(Long.parseLong(dd.group(1)) >= 300, out); // dd's 300 reads of 512 bytes
    }

    @Test void nanosleepShowsTheSleepingProcess() {
        String out = succeeded("nanosleep").output();
        assertTrue(out.lines().anyMatch("jbt_napper"::equals), out);
    }

    /** tools/swapin.bt (a kprobe tool): the workload pushed pages out to zram swap and read them back. */
    @Test void swapinToolCountsTheWorkloadsPagesReadFromSwap() {
        String out = succeeded("swapin").output();
        // The workload's own lines ("ready PID", "done") come first, then the tool's output.
        assertTrue(out.contains("\nAttaching 4 probes...\nCounting swap-ins... Hit Ctrl-C to end.\n"), out);
        assertTrue(out.contains("\ndone\n"), () -> "the workload did not finish (no swap?)\n" + out);
        String pid = Integer.toString(count("(?m)^ready (\\d+)$", out));
        long pages = Pattern.compile("(?m)^@\\[workload, " + pid + "\\]: (\\d+)$").matcher(out).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        // Every page that left memory is read back from swap: at least those, at most all 2000.
        int pagedOut = count("(?m)^paged-out (\\d+)$", out);
        assertTrue(pagedOut >= 100, () -> "MADV_PAGEOUT moved only " + pagedOut + " of 2000 pages to swap\n" + out);
        assertTrue(pages >= pagedOut && pages <= 2000, () -> pagedOut + " pages paged out and read back, swapin counted " + pages + "\n" + out);
    }

    /** tools/loads.bt (kaddr of a data symbol): prints what /proc/loadavg says at the same time. */
    @Test void loadsToolPrintsTheLoadAveragesOfProcLoadavg() {
        String out = succeeded("loads").output();
        Matcher file = Pattern.compile("(?m)^proc-loadavg (\\S+) (\\S+) (\\S+) ").matcher(out);
        assertTrue(file.find(), out);
        String expected = " load averages: " + file.group(1) + " " + file.group(2) + " " + file.group(3);
        // A line a second: the averages change every 5 s, so the line next to the file's read agrees.
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d" + Pattern.quote(expected))), () -> "no line" + expected + "\n" + out);
        assertTrue(!file.group(1).equals("0.00") || !file.group(2).equals("0.00"), () -> "an idle guest proves little\n" + out);
    }

    @Test void wildcardAttachesEveryListedFunctionAndLeavesNothingBehind() {
        List<String> listed = succeeded("list").output().lines().toList();
        assertTrue(listed.size() >= 20, () -> "only " + listed.size() + " listed: " + listed);
        assertTrue(listed.contains("kprobe:vfs_read"), listed::toString);
        assertTrue(listed.stream().allMatch(l -> l.startsWith("kprobe:vfs_")), listed::toString);

        String out = succeeded("wildcard").output();
        int attached = count("(?m)^Attaching (\\d+) probes\\.\\.\\.$", out);
        assertEquals(listed.size(), attached, out);
        assertTrue(out.contains("@calls[vfs_read]: "), out);
        // Placed through the kprobe PMU: registered kprobes, yet none in tracefs' text interface.
        assertTrue(count("while-attached kprobes-registered (\\d+)", out) >= attached, out);
        assertEquals(0, count("while-attached kprobes-registered \\d+ kprobe-events (\\d+)", out), out);

        String killed = section("killed").output();
        assertTrue(count("while-attached kprobes-registered (\\d+)", killed) >= 1, killed);
        int before = count("kprobes-registered (\\d+)", section("start").output());
        String end = section("end").output();
        assertEquals(before, count("kprobes-registered (\\d+)", end), () -> "kprobes left after exit and SIGKILL\n" + end);
        assertEquals(0, count("kprobe-events (\\d+)", end), end);
    }
}
