package io.jbpftrace.it.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a kernel without kprobes (this build machine's), a kprobe probe fails with one positioned
 * error that names the cause and a tracepoint covering the same event. The kernel lab
 * ({@code io.jbpftrace.it.lab.KprobeLabTest}) covers kernels that have kprobes.
 */
@ExtendWith(RequiresRoot.class)
class NoKprobesHereTest {
    private static final Path PMU = Path.of("/sys/bus/event_source/devices/kprobe");
    private static final String CAUSE = "this kernel has no kprobes (CONFIG_KPROBES is not set: " + PMU + " is missing)";

    @BeforeAll static void kernelHasNoKprobes() {
        assumeFalse(Files.isDirectory(PMU), "this kernel has kprobes; the lab's KprobeLabTest covers them");
    }

    private static void assertOneError(String script, String message) {
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        String caret = "^" + "~".repeat(script.indexOf(' ') - 1);
        assertEquals("stdin:1:1: ERROR: " + message + "\n" + script + "\n" + caret + "\n", r.stderr(), r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
    }

    @Test void kprobeNamesTheCauseAndSuggestsTheSyscallTracepoint() {
        assertOneError("kprobe:vfs_read { @ = count(); }", "kprobe:vfs_read: " + CAUSE
                + "; try tracepoint:syscalls:sys_enter_read or tracepoint:syscalls:sys_enter_pread64 instead");
    }

    @Test void kretprobeAliasGetsTheExitTracepoint() {
        assertOneError("kr:do_nanosleep { @ = count(); }", "kretprobe:do_nanosleep: " + CAUSE
                + "; try tracepoint:syscalls:sys_exit_nanosleep or tracepoint:syscalls:sys_exit_clock_nanosleep instead");
    }

    @Test void syscallFunctionsMapGenerically() {
        assertOneError("k:__x64_sys_openat { }", "kprobe:__x64_sys_openat: " + CAUSE + "; try tracepoint:syscalls:sys_enter_openat instead");
    }

    @Test void processExitMapsToTheSchedTracepoint() {
        assertOneError("kprobe:do_exit { }", "kprobe:do_exit: " + CAUSE + "; try tracepoint:sched:sched_process_exit instead");
    }

    @Test void wildcardGetsTheCauseOnly() {
        assertOneError("kprobe:vfs_* { }", "kprobe:vfs_*: " + CAUSE);
    }

    @Test void listingFindsNothingToAttach() {
        Jbpftrace.Result r = Jbpftrace.run("-l", "kprobe:vfs_*");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
    }

    @Test void kfuncSaysWhatIsMissing() {
        assertOneError("kfunc:vfs_read { }", "kfunc:vfs_read: kfunc probes need fentry support, which jbpftrace's"
                + " program loader lacks (BPF_PROG_TYPE_TRACING with attach_btf_id)");
    }
}
