package io.jbpftrace.provider.tracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.jbpftrace.spi.PerfEventAttr;
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

/** Runs the provider over a fake tracefs tree built from real format files. */
class TracepointProviderTest {
    @TempDir Path tracefs;
    private final Kernel kernel = mock(Kernel.class);
    private final TracepointProvider provider = new TracepointProvider();

    @BeforeEach
    void fakeTracefs() throws IOException {
        event("syscalls", "sys_enter_openat", 782, "syscalls_sys_enter_openat");
        event("syscalls", "sys_exit_openat", 781, "syscalls_sys_exit_openat");
        event("sched", "sched_switch", 372, "sched_sched_switch");
        event("sched", "sched_process_exec", 365, "sched_sched_process_exec");
        event("raw_syscalls", "sys_enter", 443, "raw_syscalls_sys_enter");
        Files.createDirectories(tracefs.resolve("events/sched/sched_half")); // no id, no format
        Files.writeString(tracefs.resolve("events/sched/enable"), "0\n");
        Files.writeString(tracefs.resolve("events/header_page"), "x\n");
        Files.writeString(tracefs.resolve("available_events"), """
                sched:sched_switch
                syscalls:sys_exit_openat
                sched:sched_process_exec
                syscalls:sys_enter_openat
                raw_syscalls:sys_enter
                """);
        when(kernel.tracefs()).thenReturn(tracefs);
    }

    private void event(String category, String name, long id, String fixture) throws IOException {
        Path dir = Files.createDirectories(tracefs.resolve("events").resolve(category).resolve(name));
        Files.writeString(dir.resolve("id"), id + "\n");
        Files.writeString(dir.resolve("format"), TracepointFormatTest.fixture(fixture));
    }

    private List<String> names(String probe) throws ProbeException {
        return provider.expand(AttachPoint.parse(probe), kernel).stream().map(ProbeTarget::name).toList();
    }

    @Test
    void exactProbeExpandsToItself() throws ProbeException {
        List<ProbeTarget> targets = provider.expand(AttachPoint.parse("tracepoint:sched:sched_switch"), kernel);
        assertEquals(1, targets.size());
        assertEquals("tracepoint:sched:sched_switch", targets.get(0).name());
        assertEquals(372, targets.get(0).data(TracepointEvent.class).id());
    }

    @Test
    void aliasGivesCanonicalNames() throws ProbeException {
        assertEquals(List.of("tracepoint:syscalls:sys_enter_openat"), names("t:syscalls:sys_enter_openat"));
    }

    @Test
    void wildcardsInEitherPartExpandSortedAndSkipIncompleteDirectories() throws ProbeException {
        assertEquals(List.of("tracepoint:sched:sched_process_exec", "tracepoint:sched:sched_switch"),
                names("tracepoint:sched:sched*"));
        assertEquals(List.of("tracepoint:raw_syscalls:sys_enter", "tracepoint:syscalls:sys_enter_openat"),
                names("t:*:sys_enter*"));
        assertEquals(List.of("tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_exit_openat"),
                names("tracepoint:sys?alls:*"));
        assertEquals(5, names("tracepoint:*:*").size());
    }

    @Test
    void notFoundUsesBpftraceWording() {
        ProbeException single = assertThrows(ProbeException.class, () -> names("tracepoint:sched:nope"));
        assertEquals("tracepoint not found: sched:nope", single.getMessage());
        ProbeException wild = assertThrows(ProbeException.class, () -> names("tracepoint:nope*:x*"));
        assertEquals("tracepoints not found: nope*:x*", wild.getMessage());
        assertThrows(ProbeException.class, () -> names("tracepoint:sched:sched_half"));
        assertThrows(ProbeException.class, () -> names("tracepoint:..:sched"));
    }

    @Test
    void wrongNumberOfPartsIsAnError() {
        ProbeException e = assertThrows(ProbeException.class, () -> names("tracepoint:sched"));
        assertEquals("tracepoint probe type requires 2 arguments", e.getMessage());
        assertThrows(ProbeException.class, () -> names("tracepoint:sched:sched_switch:x"));
    }

    @Test
    void listsFromAvailableEventsWithCanonicalPrefix() throws ProbeException {
        assertEquals(List.of("tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_exit_openat"),
                provider.list("tracepoint:syscalls:*", kernel));
        assertEquals(List.of("tracepoint:sched:sched_process_exec", "tracepoint:sched:sched_switch"),
                provider.list("t:sched:*", kernel));
        assertEquals(5, provider.list("*", kernel).size());
        assertEquals(5, provider.list("", kernel).size());
        assertEquals(List.of("tracepoint:sched:sched_switch"), provider.list("*switch*", kernel));
        assertEquals(List.of(), provider.list("kprobe:*", kernel));
    }

    @Test
    void listsByWalkingEventsWhenAvailableEventsIsMissing() throws Exception {
        Files.delete(tracefs.resolve("available_events"));
        assertEquals(List.of("tracepoint:raw_syscalls:sys_enter"), provider.list("tracepoint:raw*:*", kernel));
    }

    @Test
    void argsIsTheFormatRecordInTheContext() throws ProbeException {
        ProbeTarget target = provider.expand(AttachPoint.parse("tracepoint:syscalls:sys_enter_openat"), kernel).get(0);
        Builtin args = provider.builtin("args", target).orElseThrow();
        assertTrue(args.inContext());
        Type.Record record = assertInstanceOf(Type.Record.class, args.type());
        assertEquals(new Type.Pointer(Type.Int.S8, true), record.field("filename").orElseThrow().type());
        assertTrue(provider.builtin("retval", target).isEmpty());
    }

    @Test
    void pointersOutsideSyscallsAreKernelPointers() throws Exception {
        Path dir = Files.createDirectories(tracefs.resolve("events/demo/with_ptr"));
        Files.writeString(dir.resolve("id"), "9\n");
        Files.writeString(dir.resolve("format"), "\tfield:const char * name;\toffset:8;\tsize:8;\tsigned:0;\n");
        ProbeTarget target = provider.expand(AttachPoint.parse("tracepoint:demo:with_ptr"), kernel).get(0);
        Type.Record record = (Type.Record) provider.builtin("args", target).orElseThrow().type();
        assertEquals(new Type.Pointer(Type.Int.S8, false), record.field("name").orElseThrow().type());
    }

    @Test
    void parsedFormatsAreCached() throws ProbeException {
        Object first = provider.expand(AttachPoint.parse("tracepoint:sched:sched_switch"), kernel).get(0).data();
        ProbeTarget second = provider.expand(AttachPoint.parse("tracepoint:sched:sched*"), kernel).get(1);
        assertSame(first, second.data());
        assertSame(provider.builtin("args", second).orElseThrow().type(), provider.builtin("args", second).orElseThrow().type());
    }

    @Test
    void attachOpensOneTracepointEventOnCpuZero() throws ProbeException {
        Attachment attachment = () -> { };
        when(kernel.attachPerfEvent(PerfEventAttr.tracepoint(372), -1, 0, 42)).thenReturn(attachment);
        ProbeTarget target = provider.expand(AttachPoint.parse("tracepoint:sched:sched_switch"), kernel).get(0);
        assertEquals(ProgType.TRACEPOINT, provider.programType(target));
        assertSame(attachment, provider.attach(target, 42, kernel));
        verify(kernel).attachPerfEvent(PerfEventAttr.tracepoint(372), -1, 0, 42);
    }

    @Test
    void describeGivesVerboseListingLines() throws ProbeException {
        assertEquals(List.of("    long id", "    unsigned long args[6]"),
                provider.describe("tracepoint:raw_syscalls:sys_enter", kernel));
    }
}
