package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expansion, listing, builtins and attach against a fake sysfs/tracefs in a temp folder. */
class KprobeProviderTest {
    @TempDir Path dir;
    private Path tracefs, pmu;
    private final Kernel kernel = mock(Kernel.class);

    @BeforeEach void fakeKernel() throws IOException {
        tracefs = Files.createDirectories(dir.resolve("sys/kernel/tracing"));
        pmu = dir.resolve("sys/bus/event_source/devices/kprobe");
        when(kernel.tracefs()).thenReturn(tracefs);
        for (String event : List.of("syscalls/sys_enter_read", "syscalls/sys_exit_read", "syscalls/sys_enter_openat",
                "syscalls/sys_enter_nanosleep", "syscalls/sys_enter_clock_nanosleep", "sched/sched_process_exit")) {
            Files.createDirectories(tracefs.resolve("events").resolve(event));
        }
        Files.writeString(tracefs.resolve("available_filter_functions"), String.join("\n",
                "vfs_read", "vfs_write", "vfs_readv", "vfs_read", "vfs_fsync_range", "do_nanosleep",
                "__ftrace_invalid_address___123", "ext4_file_open [ext4]", "ext4_sync_file [ext4]", "vfs_notrace_me", ""));
        Path blacklist = Files.createDirectories(dir.resolve("sys/kernel/debug/kprobes")).resolve("blacklist");
        Files.writeString(blacklist, "0xffffffff81000000-0xffffffff81000010\tvfs_notrace_me\n");
    }

    private KprobeProvider kprobe() { return new KprobeProvider(List.of("kprobe", "k"), false, support()); }

    private KprobeProvider kretprobe() { return new KretprobeProvider(support()); }

    private KprobeSupport support() { return new KprobeSupport(pmu, TracepointSuggestions.shipped()); }

    private void withKprobes() throws IOException { Files.createDirectories(pmu); }

    private List<ProbeTarget> expand(KprobeProvider p, String probe) throws ProbeException {
        return p.expand(AttachPoint.parse(probe), kernel);
    }

    private String error(KprobeProvider p, String probe) {
        return assertThrows(ProbeException.class, () -> expand(p, probe)).getMessage();
    }

    @Test void withoutKprobesOneErrorNamesTheCauseAndATracepoint() {
        assertEquals("kprobe:vfs_read: this kernel has no kprobes (CONFIG_KPROBES is not set: " + pmu
                + " is missing); try tracepoint:syscalls:sys_enter_read instead", error(kprobe(), "kprobe:vfs_read"));
        // The alias reports the canonical name; only tracepoints this kernel has are offered.
        assertTrue(error(kprobe(), "k:do_nanosleep").endsWith(
                "; try tracepoint:syscalls:sys_enter_nanosleep or tracepoint:syscalls:sys_enter_clock_nanosleep instead"));
        assertTrue(error(kretprobe(), "kr:vfs_read").startsWith("kretprobe:vfs_read: this kernel has no kprobes"));
        assertTrue(error(kretprobe(), "kr:vfs_read").endsWith("; try tracepoint:syscalls:sys_exit_read instead"));
        assertTrue(error(kprobe(), "kprobe:do_exit").endsWith("; try tracepoint:sched:sched_process_exit instead"));
    }

    @Test void syscallEntryFunctionsMapToTheirTracepointGenerically() {
        assertTrue(error(kprobe(), "kprobe:__x64_sys_openat").endsWith("; try tracepoint:syscalls:sys_enter_openat instead"));
        assertTrue(error(kprobe(), "kprobe:ksys_read+4").endsWith("; try tracepoint:syscalls:sys_enter_read instead"));
    }

    @Test void noSuggestionWithoutAMatchingTracepoint() {
        assertEquals("kprobe:tcp_sendmsg: this kernel has no kprobes (CONFIG_KPROBES is not set: " + pmu + " is missing)",
                error(kprobe(), "kprobe:tcp_sendmsg"));
        assertTrue(error(kprobe(), "kprobe:vfs_*").endsWith(" is missing)"));
    }

    @Test void kprobeEventsWithoutThePmuIsAnOlderKernel() throws IOException {
        Files.writeString(tracefs.resolve("kprobe_events"), "");
        assertTrue(error(kprobe(), "kprobe:vfs_read").startsWith("kprobe:vfs_read: this kernel has no kprobe PMU"));
    }

    @Test void listsNothingWithoutKprobes() throws ProbeException {
        assertEquals(List.of(), kprobe().list("kprobe:*", kernel));
    }

    @Test void functionAndOffset() throws Exception {
        withKprobes();
        List<ProbeTarget> t = expand(kprobe(), "k:vfs_read");
        assertEquals(List.of(new ProbeTarget("kprobe:vfs_read", new KprobeTarget("vfs_read", 0, "vfs_read"))), t);
        assertEquals(new ProbeTarget("kprobe:vfs_read+16", new KprobeTarget("vfs_read", 16, "vfs_read")),
                expand(kprobe(), "kprobe:vfs_read+16").get(0));
        assertEquals(new KprobeTarget("vfs_read", 16, "vfs_read"), expand(kprobe(), "kprobe:vfs_read+0x10").get(0).data());
        assertEquals("Offset not allowed", error(kretprobe(), "kretprobe:vfs_read+16"));
        assertEquals("invalid kprobe offset: vfs_read+x", error(kprobe(), "kprobe:vfs_read+x"));
    }

    @Test void moduleFunctionsUseKallsymsSyntax() throws Exception {
        withKprobes();
        assertEquals(new ProbeTarget("kprobe:ext4:ext4_file_open", new KprobeTarget("ext4:ext4_file_open", 0, "ext4_file_open")),
                expand(kprobe(), "kprobe:ext4:ext4_file_open").get(0));
        assertEquals(List.of("kprobe:ext4:ext4_file_open", "kprobe:ext4:ext4_sync_file"),
                expand(kprobe(), "kprobe:ext*:*").stream().map(ProbeTarget::name).toList());
    }

    @Test void wildcardsMatchAvailableFilterFunctionsOnceEachWithoutRefusedOnes() throws Exception {
        withKprobes();
        assertEquals(List.of("kprobe:vfs_read", "kprobe:vfs_write", "kprobe:vfs_readv", "kprobe:vfs_fsync_range"),
                expand(kprobe(), "kprobe:vfs_*").stream().map(ProbeTarget::name).toList());
        assertEquals(List.of("kretprobe:ext4_file_open"), expand(kretprobe(), "kr:ext4_file_*").stream().map(ProbeTarget::name).toList());
        assertEquals("No matches for kprobe:nothing_* in available_filter_functions", error(kprobe(), "kprobe:nothing_*"));
    }

    @Test void listsSortedWithModules() throws Exception {
        withKprobes();
        assertEquals(List.of("kprobe:vfs_fsync_range", "kprobe:vfs_read", "kprobe:vfs_readv", "kprobe:vfs_write"),
                kprobe().list("kprobe:vfs_*", kernel));
        assertEquals(List.of("kretprobe:ext4:ext4_sync_file"), kretprobe().list("kr:*sync_file", kernel));
        assertEquals(List.of("kprobe:ext4:ext4_file_open"), kprobe().list("kprobe:ext4:*open", kernel));
    }

    @Test void builtins() throws Exception {
        withKprobes();
        ProbeTarget t = expand(kprobe(), "kprobe:vfs_read+16").get(0);
        assertEquals("vfs_read", kprobe().builtin("func", t).orElseThrow().constant());
        Builtin arg1 = kprobe().builtin("arg1", t).orElseThrow();
        assertEquals(Type.Int.U64, arg1.type());
        assertTrue(kprobe().builtin("comm", t).isEmpty());
        assertEquals("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes",
                assertThrows(ProbeException.class, () -> kprobe().builtin("retval", t)).getMessage());
        ProbeTarget r = expand(kretprobe(), "kretprobe:vfs_read").get(0);
        assertEquals(Type.Int.U64, kretprobe().builtin("retval", r).orElseThrow().type());
        assertEquals("The arg0 builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes",
                assertThrows(ProbeException.class, () -> kretprobe().builtin("arg0", r)).getMessage());
        assertEquals(ProgType.KPROBE, kprobe().programType(t));
    }

    @Test void attachesThroughTheKernelFacade() throws Exception {
        withKprobes();
        Attachment handle = () -> {};
        when(kernel.attachKprobe("ext4:ext4_file_open", 0, true, 7)).thenReturn(handle);
        assertSame(handle, kretprobe().attach(expand(kretprobe(), "kretprobe:ext4:ext4_file_open").get(0), 7, kernel));
        kprobe().attach(expand(kprobe(), "kprobe:vfs_read+16").get(0), 9, kernel);
        verify(kernel).attachKprobe("vfs_read", 16, false, 9);
    }
}
