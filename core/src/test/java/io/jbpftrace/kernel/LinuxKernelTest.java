package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.bpf.AttachType;
import io.jbpftrace.bpf.MapType;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.LoadAttributes;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinuxKernelTest {
    @org.junit.jupiter.api.AfterEach void nothingLeaks() { TestPrograms.assertNoKernelObjectsOpen(); }
    private final LinuxKernel kernel = new LinuxKernel(OptionalInt.of(1234));

    @Test void findsTracefs() {
        Path tracefs = kernel.tracefs();
        assertTrue(Files.isDirectory(tracefs.resolve("events/syscalls")), tracefs.toString());
        assertEquals(OptionalInt.of(1234), kernel.targetPid());
        assertTrue(kernel.onlineCpus().length >= 1);
    }

    @Test void tracepointProgramCountsOurSyscalls() throws Exception {
        long id = Long.parseLong(Files.readString(
                kernel.tracefs().resolve("events/syscalls/sys_enter_getppid/id")).trim());
        int pid = (int) ProcessHandle.current().pid();
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, "count", 4, 8, 1);
             BpfProgram prog = BpfProgram.load(ProgType.TRACEPOINT, "getppid",
                     TestPrograms.counter(counter, OptionalInt.of(pid)))) {
            Attachment attachment = kernel.attachPerfEvent(PerfEventAttr.tracepoint(id), -1, 0, prog.fd());
            try {
                for (int i = 0; i < 1000; i++) TestPrograms.getppid();
                assertEquals(1000, TestPrograms.count(counter));
            } finally {
                attachment.close();
            }
            attachment.close(); // idempotent
            for (int i = 0; i < 100; i++) TestPrograms.getppid();
            assertEquals(1000, TestPrograms.count(counter), "detached program still counting");
        }
    }

    @Test void perfEventOpenErrorsAreReadable() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> kernel.attachPerfEvent(PerfEventAttr.tracepoint(-5), -1, 0, -1));
        assertTrue(e.getMessage().startsWith("perf_event_open(type=2, config=-5) on cpu 0: "), e.getMessage());
    }

    @Test void setBpfErrorsCloseTheEvent() {
        // A valid software event, but fd -1 is no BPF program.
        ProbeException e = assertThrows(ProbeException.class, () -> kernel.attachPerfEvent(
                PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, 1000, false), -1, 0, -1));
        assertTrue(e.getMessage().contains("attaching BPF program: Bad file descriptor"), e.getMessage());
    }

    @Test void requireLoadableAcceptsWhatTheKernelLoads() throws ProbeException {
        kernel.requireLoadable(ProgType.RAW_TRACEPOINT, LoadAttributes.NONE, "raw tracepoint");
    }

    /** A TRACING program needs a target: without attach_btf_id every kernel refuses it, and the message says so. */
    @Test void requireLoadableNamesTheRefusal() {
        ProbeException e = assertThrows(ProbeException.class, () -> kernel.requireLoadable(ProgType.TRACING,
                LoadAttributes.tracing(AttachType.TRACE_FENTRY, 0), "fentry without a function"));
        assertTrue(e.getMessage().matches("fentry without a function: [A-Z][a-z ]+( \\(.*\\))?"), e.getMessage());
    }
}
