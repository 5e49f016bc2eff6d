package io.jbpftrace.provider.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProviderTest {
    private static final PerfEventAttr CYCLES = PerfEventAttr.sampling(PerfEventAttr.TYPE_HARDWARE, 0, 1_000_000, false);

    @TempDir Path sysfs;
    private final Kernel kernel = mock(Kernel.class);

    /** A sysfs event_source/devices folder holding these PMUs. */
    private Path eventSources(String... pmus) throws IOException {
        Path devices = Files.createDirectories(sysfs.resolve("devices"));
        for (String pmu : pmus) Files.createDirectories(devices.resolve(pmu));
        return devices;
    }

    private static ProbeTarget target(HardwareProvider provider, String raw, Kernel kernel) throws ProbeException {
        return provider.expand(AttachPoint.parse(raw), kernel).get(0);
    }

    private ProbeException failAttach(HardwareProvider provider, String raw, String kernelError) throws ProbeException {
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 1});
        ProbeTarget target = target(provider, raw, kernel);
        when(kernel.attachPerfEvent(target.data(PerfSpec.class).perfEventAttr(), -1, 0, 3))
                .thenThrow(new ProbeException(kernelError));
        return assertThrows(ProbeException.class, () -> provider.attach(target, 3, kernel));
    }

    @Test
    void noPmuGivesOneClearError() throws Exception {
        HardwareProvider provider = new HardwareProvider(eventSources("software", "tracepoint", "uprobe", "breakpoint", "msr"));
        ProbeException e = failAttach(provider, "hardware:cycles",
                "perf_event_open(type=0, config=0) on cpu 0: No such file or directory");
        assertEquals("hardware:cycles: this machine has no hardware PMU (perf_event_open: No such file or directory);"
                + " hardware events are unavailable here (a VM without PMU passthrough?)", e.getMessage());
    }

    @Test
    void eopnotsuppWithoutPmuToo() throws Exception {
        HardwareProvider provider = new HardwareProvider(eventSources("software"));
        ProbeException e = failAttach(provider, "h:instructions:100",
                "perf_event_open(type=0, config=1) on cpu 0: Operation not supported");
        assertTrue(e.getMessage().startsWith("hardware:instructions:100: this machine has no hardware PMU"
                + " (perf_event_open: Operation not supported)"), e.getMessage());
    }

    @Test
    void aPmuWithoutTheEventSaysSo() throws Exception {
        HardwareProvider provider = new HardwareProvider(eventSources("cpu", "software"));
        ProbeException e = failAttach(provider, "hardware:frontend-stalls",
                "perf_event_open(type=0, config=7) on cpu 0: No such file or directory");
        assertEquals("hardware:frontend-stalls: this CPU's PMU does not support the event"
                + " (perf_event_open: No such file or directory)", e.getMessage());
    }

    @Test
    void otherErrorsPassThroughUnchanged() throws Exception {
        HardwareProvider provider = new HardwareProvider(eventSources());
        ProbeException e = failAttach(provider, "hardware:cycles",
                "perf_event_open(type=0, config=0) on cpu 0: Permission denied");
        assertEquals("perf_event_open(type=0, config=0) on cpu 0: Permission denied", e.getMessage());
    }

    @Test
    void recognisesCorePmusByTheirSysfsNames() throws Exception {
        assertTrue(new HardwareProvider(eventSources("cpu_core", "cpu_atom")).hasCpuPmu());
        assertFalse(new HardwareProvider(sysfs.resolve("missing")).hasCpuPmu());
    }

    @Test
    void withAPmuItAttachesOnEveryCpu() throws Exception {
        Attachment a0 = mock(Attachment.class), a1 = mock(Attachment.class);
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 1});
        when(kernel.attachPerfEvent(CYCLES, -1, 0, 3)).thenReturn(a0);
        when(kernel.attachPerfEvent(CYCLES, -1, 1, 3)).thenReturn(a1);
        HardwareProvider provider = new HardwareProvider(eventSources("cpu"));
        ProbeTarget target = target(provider, "h:cycles", kernel);
        assertSame(target.data(PerfSpec.class).event(), EventFamily.HARDWARE.events.get(6));

        provider.attach(target, 3, kernel).close();
        verify(a0).close();
        verify(a1).close();
    }
}
