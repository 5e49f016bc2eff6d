package io.jbpftrace.provider.tracepoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Dictionary;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class TracepointActivatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void registersTheProviderWithItsProbeTypes() {
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<ProbeProvider> registration = mock(ServiceRegistration.class);
        ArgumentCaptor<Dictionary<String, ?>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(context.registerService(eq(ProbeProvider.class), any(ProbeProvider.class), properties.capture()))
                .thenReturn(registration);
        TracepointActivator activator = new TracepointActivator();
        activator.start(context);
        assertArrayEquals(new String[] {"tracepoint", "t"}, (String[]) properties.getValue().get("probe.type"));
        activator.stop(context);
        verify(registration).unregister();
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        assertTrue(ServiceLoader.load(ProbeProvider.class).stream()
                .anyMatch(p -> p.type() == TracepointProvider.class));
    }
}
