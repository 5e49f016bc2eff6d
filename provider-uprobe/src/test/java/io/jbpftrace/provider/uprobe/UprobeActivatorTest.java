package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class UprobeActivatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void registersUprobeAndUretprobeWithTheirProbeTypes() {
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<ProbeProvider> registration = mock(ServiceRegistration.class);
        ArgumentCaptor<Dictionary<String, ?>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(context.registerService(eq(ProbeProvider.class), any(ProbeProvider.class), properties.capture()))
                .thenReturn(registration);
        UprobeActivator activator = new UprobeActivator();
        activator.start(context);
        assertEquals(List.of(List.of("uprobe", "u"), List.of("uretprobe", "ur")), properties.getAllValues().stream()
                .map(d -> Arrays.asList((String[]) d.get("probe.type"))).toList());
        activator.stop(context);
        verify(registration, times(2)).unregister();
    }

    @Test void serviceLoaderFindsBothProviders() {
        List<String> found = ServiceLoader.load(ProbeProvider.class).stream().map(p -> p.type().getSimpleName()).toList();
        assertEquals(List.of("UprobeProvider", "UretprobeProvider"), found);
    }
}
