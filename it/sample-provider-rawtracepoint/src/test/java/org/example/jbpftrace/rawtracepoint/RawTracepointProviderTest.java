package org.example.jbpftrace.rawtracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawTracepointProviderTest {
    private final RawTracepointProvider provider = new RawTracepointProvider();
    private final Kernel kernel = mock(Kernel.class);

    @TempDir Path tracefs;

    private void events(String... lines) throws IOException {
        Files.write(tracefs.resolve("available_events"), List.of(lines));
        when(kernel.tracefs()).thenReturn(tracefs);
    }

    @Test
    void plainNameNeedsNoTracefs() throws ProbeException {
        List<ProbeTarget> targets = provider.expand(AttachPoint.parse("rawtracepoint:sched_switch"), kernel);
        assertEquals(List.of(new ProbeTarget("rawtracepoint:sched_switch", "sched_switch")), targets);
        assertEquals(ProgType.RAW_TRACEPOINT, provider.programType(targets.get(0)));
    }

    @Test
    void wildcardsExpandOverTracepointsButNotSyscallEvents() throws Exception {
        events("sched:sched_switch", "sched:sched_wakeup", "syscalls:sys_enter_openat", "irq:softirq_entry");
        List<String> names = provider.expand(AttachPoint.parse("rt:sched_*"), kernel).stream().map(ProbeTarget::name).toList();
        assertEquals(List.of("rawtracepoint:sched_switch", "rawtracepoint:sched_wakeup"), names);
        assertThrows(ProbeException.class, () -> provider.expand(AttachPoint.parse("rt:sys_enter_*"), kernel));
        assertEquals(List.of("rawtracepoint:softirq_entry"), provider.list("*irq*", kernel));
    }

    @Test
    void wrongArgumentCountIsAnError() {
        ProbeException e = assertThrows(ProbeException.class, () -> provider.expand(AttachPoint.parse("rawtracepoint:a:b"), kernel));
        assertTrue(e.getMessage().contains("requires 1 argument"), e.getMessage());
    }

    @Test
    void argBuiltinsLoadContextWords() throws ProbeException {
        ProbeTarget target = new ProbeTarget("rawtracepoint:sched_switch", "sched_switch");
        Asm asm = new Asm();
        provider.builtin("arg2", target).orElseThrow().code().emit(asm, Reg.R6, Reg.R0);
        assertEquals(1, asm.size());
        assertEquals(16, asm.build().get(0).off());
        assertTrue(provider.builtin("retval", target).isEmpty());
        assertThrows(ProbeException.class, () -> provider.builtin("arg12", target));
    }

    @Test
    void attachOpensTheRawTracepointThroughTheKernelFacade() throws ProbeException {
        provider.attach(new ProbeTarget("rawtracepoint:sched_switch", "sched_switch"), 7, kernel);
        verify(kernel).attachRawTracepoint("sched_switch", 7);
    }
}
