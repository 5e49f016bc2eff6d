package io.jbpftrace.provider.kprobe;

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

class KprobeActivatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void registersEachProviderWithItsProbeTypes() {
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<ProbeProvider> registration = mock(ServiceRegistration.class);
        ArgumentCaptor<Dictionary<String, ?>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(context.registerService(eq(ProbeProvider.class), any(ProbeProvider.class), properties.capture()))
                .thenReturn(registration);
        KprobeActivator activator = new KprobeActivator();
        activator.start(context);
        assertEquals(List.of(List.of("kprobe", "k"), List.of("kretprobe", "kr"), List.of("kfunc", "f"), List.of("kretfunc", "fr")),
                properties.getAllValues().stream().map(d -> Arrays.asList((String[]) d.get("probe.type"))).toList());
        activator.stop(context);
        verify(registration, times(4)).unregister();
    }

    @Test void serviceLoaderFindsAllProviders() {
        List<String> found = ServiceLoader.load(ProbeProvider.class).stream().map(p -> p.type().getSimpleName()).toList();
        assertEquals(List.of("KprobeProvider", "KretprobeProvider", "KfuncProvider", "KretfuncProvider"), found);
    }
}
