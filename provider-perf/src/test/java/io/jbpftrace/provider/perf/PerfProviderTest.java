package io.jbpftrace.provider.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PerfProviderTest {
    private static final PerfEventAttr FAULTS_10 = PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, 2, 10, false);

    private final Kernel kernel = mock(Kernel.class);
    private final SoftwareProvider software = new SoftwareProvider();

    private ProbeTarget target(String raw) throws ProbeException {
        List<ProbeTarget> targets = software.expand(AttachPoint.parse(raw), kernel);
        assertEquals(1, targets.size());
        return targets.get(0);
    }

    @Test
    void typesAndProgramType() throws ProbeException {
        assertEquals(List.of("software", "s"), software.probeTypes());
        assertEquals(List.of("hardware", "h"), new HardwareProvider().probeTypes());
        ProbeTarget t = target("s:faults:10");
        assertEquals("software:faults:10", t.name());
        assertEquals(ProgType.PERF_EVENT, software.programType(t));
    }

    @Test
    void opensOneEventPerOnlineCpuForAllProcessesEvenWithATargetPid() throws ProbeException {
        Attachment a0 = mock(Attachment.class), a2 = mock(Attachment.class);
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 2});
        when(kernel.targetPid()).thenReturn(OptionalInt.of(4321)); // bpftrace ignores -p here too
        when(kernel.attachPerfEvent(FAULTS_10, -1, 0, 9)).thenReturn(a0);
        when(kernel.attachPerfEvent(FAULTS_10, -1, 2, 9)).thenReturn(a2);

        Attachment attachment = software.attach(target("software:page-faults:10"), 9, kernel);
        verify(kernel, times(2)).attachPerfEvent(eq(FAULTS_10), eq(-1), anyInt(), eq(9));
        verify(a0, never()).close();
        attachment.close();
        verify(a0).close();
        verify(a2).close();
    }

    @Test
    void aFailingCpuClosesTheEventsAlreadyOpened() throws ProbeException {
        Attachment a0 = mock(Attachment.class);
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 1, 2});
        when(kernel.attachPerfEvent(FAULTS_10, -1, 0, 9)).thenReturn(a0);
        when(kernel.attachPerfEvent(FAULTS_10, -1, 1, 9)).thenThrow(new ProbeException("perf_event_open failed"));
        ProbeTarget target = target("s:faults:10");

        assertEquals("perf_event_open failed",
                assertThrows(ProbeException.class, () -> software.attach(target, 9, kernel)).getMessage());
        verify(a0).close();
        verify(kernel, never()).attachPerfEvent(FAULTS_10, -1, 2, 9);
    }

    @Test
    void listsEveryEventByItsFullNameLikeBpftrace() {
        List<String> all = software.list("software:*", kernel);
        assertEquals(List.of("software:alignment-faults:", "software:bpf-output:", "software:context-switches:",
                "software:cpu-clock:", "software:cpu-migrations:", "software:dummy:", "software:emulation-faults:",
                "software:major-faults:", "software:minor-faults:", "software:page-faults:", "software:task-clock:"), all);
        assertEquals(10, new HardwareProvider().list("hardware:*", kernel).size());
        assertEquals(all, software.list("", kernel));
        assertEquals(all, software.list("software:***", kernel)); // what `-l` without a pattern asks
    }

    @Test
    void listGlobsTheEventNameAfterTypeOrAlias() {
        List<String> cpu = List.of("software:cpu-clock:", "software:cpu-migrations:");
        assertEquals(cpu, software.list("software:cpu*", kernel));
        assertEquals(cpu, software.list("s:cpu*:100", kernel));
        assertEquals(List.of("software:page-faults:"), software.list("software:page-faults", kernel));
        assertEquals(List.of(), software.list("software:faults", kernel)); // aliases are not listed
        assertEquals(List.of("hardware:cache-misses:", "hardware:cache-references:"),
                new HardwareProvider().list("h:cache*", kernel));
        assertEquals(List.of("software:page-faults:"), software.list("*:page*", kernel));
        assertEquals(List.of(), software.list("hardware:*", kernel));
    }
}
