package io.jbpftrace.provider.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerProviderTest {
    private static final PerfEventAttr HZ_99 =
            PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, 99, true);
    private static final PerfEventAttr EVERY_SECOND =
            PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, 1_000_000_000L, false);

    private final Kernel kernel = mock(Kernel.class);

    private static ProbeTarget target(TimerProvider provider, String raw, Kernel kernel) throws ProbeException {
        List<ProbeTarget> targets = provider.expand(AttachPoint.parse(raw), kernel);
        assertEquals(1, targets.size());
        return targets.get(0);
    }

    @Test
    void typesAndProgramType() throws ProbeException {
        assertEquals(List.of("profile", "p"), new ProfileProvider().probeTypes());
        assertEquals(List.of("interval", "i"), new IntervalProvider().probeTypes());
        ProbeTarget t = target(new ProfileProvider(), "p:hz:99", kernel);
        assertEquals("profile:hz:99", t.name());
        assertEquals(ProgType.PERF_EVENT, new ProfileProvider().programType(t));
    }

    @Test
    void profileOpensOneEventPerOnlineCpuAndClosesThemAll() throws ProbeException {
        Attachment a0 = mock(Attachment.class), a1 = mock(Attachment.class), a3 = mock(Attachment.class);
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 1, 3});
        when(kernel.attachPerfEvent(HZ_99, -1, 0, 7)).thenReturn(a0);
        when(kernel.attachPerfEvent(HZ_99, -1, 1, 7)).thenReturn(a1);
        when(kernel.attachPerfEvent(HZ_99, -1, 3, 7)).thenReturn(a3);
        ProfileProvider provider = new ProfileProvider();

        Attachment attachment = provider.attach(target(provider, "profile:hz:99", kernel), 7, kernel);
        verify(kernel, times(3)).attachPerfEvent(eq(HZ_99), eq(-1), anyInt(), eq(7));
        verify(a0, never()).close();

        attachment.close();
        verify(a0).close();
        verify(a1).close();
        verify(a3).close();
    }

    @Test
    void aFailingCpuClosesTheEventsAlreadyOpened() throws ProbeException {
        Attachment a0 = mock(Attachment.class);
        when(kernel.onlineCpus()).thenReturn(new int[] {0, 1, 2});
        when(kernel.attachPerfEvent(HZ_99, -1, 0, 7)).thenReturn(a0);
        when(kernel.attachPerfEvent(HZ_99, -1, 1, 7)).thenThrow(new ProbeException("perf_event_open failed"));
        ProfileProvider provider = new ProfileProvider();
        ProbeTarget target = target(provider, "profile:hz:99", kernel);

        ProbeException e = assertThrows(ProbeException.class, () -> provider.attach(target, 7, kernel));
        assertEquals("perf_event_open failed", e.getMessage());
        verify(a0).close();
        verify(kernel, never()).attachPerfEvent(HZ_99, -1, 2, 7);
    }

    @Test
    void intervalOpensOneEventOnCpuZero() throws ProbeException {
        Attachment a0 = mock(Attachment.class);
        when(kernel.attachPerfEvent(EVERY_SECOND, -1, 0, 5)).thenReturn(a0);
        IntervalProvider provider = new IntervalProvider();

        Attachment attachment = provider.attach(target(provider, "i:s:1", kernel), 5, kernel);
        verify(kernel).attachPerfEvent(EVERY_SECOND, -1, 0, 5);
        verifyNoMoreInteractions(kernel);
        attachment.close();
        verify(a0).close();
    }

    @Test
    void targetDataIsTheParsedSpec() throws ProbeException {
        ProbeTarget t = target(new IntervalProvider(), "interval:ms:100", kernel);
        assertSame(TimeUnit.MS, t.data(TimerSpec.class).unit());
        assertEquals(100, t.data(TimerSpec.class).count());
    }

    @Test
    void nothingToListLikeBpftrace() throws ProbeException {
        assertEquals(List.of(), new ProfileProvider().list("*", kernel));
    }
}
