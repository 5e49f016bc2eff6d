package io.jbpftrace.it.lab;

import static io.jbpftrace.it.lab.LabSections.count;
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
 * kfunc/kretfunc (fentry/fexit) for real, on Debian's kernel in the qemu lab, which has BTF and BPF
 * trampolines (this machine's kernel refuses fentry: see NoKprobesHereTest). One boot runs every
 * check of kfunc-lab.sh through the built CLI, and bpftrace, when it runs in the guest, as an oracle.
 */
class KfuncLabTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(25);
    private static LabSections sections;

    @BeforeAll static void runInTheLab() throws URISyntaxException {
        assumeTrue(KernelLab.available(), () -> "kernel lab unavailable, skipping: " + KernelLab.unavailableReason());
        Path script = Path.of(KfuncLabTest.class.getResource("kfunc-lab.sh").toURI());
        // The guest has no JAVA_HOME of its own: the launcher gets this JVM's, visible through the shared root.
        String command = "export JAVA_HOME=" + System.getProperty("java.home") + "; sh " + script + " "
                + Jbpftrace.launcher() + " " + Workload.testProgramPath();
        LabResult result = KernelLab.run(command, TIMEOUT);
        System.out.printf("kfunc lab: boot %d ms, whole run %d ms%n", result.bootTime().toMillis(), result.elapsed().toMillis());
        sections = new LabSections(result);
        sections.all().forEach((name, s) -> System.out.printf("kfunc lab: %s rc=%d %s%n", name, s.rc(),
                s.output().lines().filter(l -> l.startsWith("Attaching") || l.contains("bpf-progs")).toList()));
    }

    @Test void typedArgumentSelectsTheWorkloadsReads() {
        String out = sections.succeeded("count").output();
        assertEquals("Attaching 1 probe...\n\n\n@[workload]: 50\n", out); // read 100 50: exactly 50 reads of 100 bytes
    }

    @Test void retvalOnExitWithTheEntryArguments() {
        String out = sections.succeeded("retval").output();
        assertTrue(out.startsWith("Attaching 1 probe...\n"), out);
        assertTrue(out.contains("@bytes: 5000\n"), out); // 50 reads returned 100 bytes each
        assertTrue(out.contains("@calls: 50\n"), out);
    }

    @Test void linearHistogramOfReturnValuesMatchesBpftrace() {
        String out = sections.succeeded("lhist").output();
        assertTrue(out.contains("\n@bytes: \n"), out);
        Matcher dd = Pattern.compile("(?m)^\\[400, 600\\)\\s+(\\d+) \\|").matcher(out);
        assertTrue(dd.find(), out);
        assertTrue(Long.parseLong(dd.group(1)) >= 300, out); // dd's 300 reads of 512 bytes
        LabSections.Section oracle = sections.section("oracle_lhist");
        assumeTrue(oracle.rc() == 0, () -> "bpftrace does not run in the guest:\n" + oracle.output());
        assertEquals(oracle.output(), out, "same dd, same histogram, same bytes as bpftrace");
    }

    @Test void pointerArgumentsDereferenceThroughBtfTypesLikeBpftrace() {
        String out = sections.succeeded("deref").output();
        assertTrue(out.lines().anyMatch("kfunc:vmlinux:vfs_open jbt_kfunc_opened"::equals), out);
        LabSections.Section oracle = sections.section("oracle_deref");
        assumeTrue(oracle.rc() == 0, () -> "bpftrace does not run in the guest:\n" + oracle.output());
        assertEquals(oracle.output(), out, "cat opens the same files: same lines as bpftrace");
    }

    @Test void wildcardAttachesEveryListedFunctionAndLeavesNothingBehind() {
        List<String> listed = sections.succeeded("list").output().lines().toList();
        assertTrue(listed.size() >= 20, () -> "only " + listed.size() + " listed: " + listed);
        assertTrue(listed.contains("kfunc:vmlinux:vfs_read") && listed.contains("kfunc:vmlinux:vfs_open"), listed::toString);
        assertTrue(listed.stream().allMatch(l -> l.startsWith("kfunc:vmlinux:vfs_")), listed::toString);

        String out = sections.succeeded("wildcard").output();
        int attached = count("(?m)^Attaching (\\d+) probes\\.\\.\\.$", out);
        assertEquals(listed.size(), attached, out);
        assertTrue(out.contains("@calls[vfs_read]: "), out);
        int before = count("bpf-progs (\\d+)", sections.section("start").output());
        assertTrue(count("while-attached bpf-progs (\\d+)", out) >= before + attached, out);
        assertTrue(count("while-attached bpf-progs \\d+ bpf-links (\\d+)", out) >= attached, out);

        String killed = sections.section("killed").output();
        assertTrue(count("while-attached bpf-progs \\d+ bpf-links (\\d+)", killed) >= 1, killed);
        String end = sections.section("end").output();
        assertEquals(sections.section("start").output().lines().filter(l -> l.startsWith("bpf-progs")).toList(),
                end.lines().filter(l -> l.startsWith("bpf-progs")).toList(), "programs or links left after exit and SIGKILL");
    }

    /** Same functions (BTF and ftrace agree on them), same names, same order as bpftrace. */
    @Test void listingIsBpftraces() {
        LabSections.Section oracle = sections.section("oracle_list");
        assumeTrue(oracle.rc() == 0, () -> "bpftrace does not run in the guest:\n" + oracle.output());
        assertEquals(oracle.output(), sections.succeeded("list").output());
    }
}
