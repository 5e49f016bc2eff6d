package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
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

class UsdtActivatorTest {

    @Test
    @SuppressWarnings("unchecked")
    void registersUsdtWithItsProbeTypes() {
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<ProbeProvider> registration = mock(ServiceRegistration.class);
        ArgumentCaptor<Dictionary<String, ?>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(context.registerService(eq(ProbeProvider.class), any(ProbeProvider.class), properties.capture()))
                .thenReturn(registration);
        UsdtActivator activator = new UsdtActivator();
        activator.start(context);
        assertEquals(List.of("usdt", "U"), Arrays.asList((String[]) properties.getValue().get("probe.type")));
        activator.stop(context);
        verify(registration).unregister();
    }

    @Test void serviceLoaderFindsTheProvider() {
        assertEquals(List.of("UsdtProvider"), ServiceLoader.load(ProbeProvider.class).stream().map(p -> p.type().getSimpleName()).toList());
    }
}
