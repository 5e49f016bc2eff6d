package io.jbpftrace.it.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * error that names the cause and a tracepoint covering the same event; so does a kfunc probe, which
 * this kernel refuses to load (fentry). The kernel lab ({@code io.jbpftrace.it.lab.KprobeLabTest},
 * {@code KfuncLabTest}) covers kernels that have kprobes and fentry.
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

    /** The errno this kernel gives (EPERM here) may differ elsewhere; the rest of the message may not. */
    private static final String REFUSED = "this kernel refuses %s programs \\(loading a BPF_PROG_TYPE_TRACING program for %s: [A-Z][a-z ]+\\)";

    private static void assertOneErrorMatching(String script, String regex) {
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        String caret = "^" + "~".repeat(script.indexOf(' ') - 1);
        String[] lines = r.stderr().split("\n", -1);
        assertEquals(4, lines.length, r::toString);
        assertTrue(lines[0].matches("stdin:1:1: ERROR: " + regex), () -> lines[0] + "\n  does not match\n" + regex);
        assertEquals(script + "\n" + caret + "\n", lines[1] + "\n" + lines[2] + "\n" + lines[3], r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
    }

    @Test void kfuncNamesTheRefusalAndSuggestsTheSyscallTracepoint() {
        assertOneErrorMatching("kfunc:vfs_read { @[comm] = count(); }", "kfunc:vfs_read: " + String.format(REFUSED, "fentry", "vfs_read")
                + "; try tracepoint:syscalls:sys_enter_read or tracepoint:syscalls:sys_enter_pread64 instead");
    }

    @Test void kretfuncAliasGetsTheExitTracepoint() {
        assertOneErrorMatching("fr:do_nanosleep { @ = sum(retval); }", "kretfunc:do_nanosleep: " + String.format(REFUSED, "fexit", "do_nanosleep")
                + "; try tracepoint:syscalls:sys_exit_nanosleep or tracepoint:syscalls:sys_exit_clock_nanosleep instead");
    }

    @Test void kfuncWildcardGetsTheCauseOnly() {
        assertOneErrorMatching("kfunc:vfs_* { }", "kfunc:vfs_\\*: " + String.format(REFUSED, "fentry", "vfs_\\w+"));
    }

    @Test void kfuncOfAnUnknownFunctionIsABtfError() {
        assertOneError("kfunc:no_such_function_xyz { }", "No BTF found for no_such_function_xyz");
    }

    @Test void kfuncListingFindsNothingToAttach() {
        Jbpftrace.Result r = Jbpftrace.run("-l", "kfunc:vfs_*");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
    }
}
