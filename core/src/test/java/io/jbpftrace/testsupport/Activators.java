package io.jbpftrace.testsupport;

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
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** What every provider bundle's activator test checks, against a mocked OSGi context. */
public final class Activators {
    private Activators() {}

    /**
     * Starts {@code activator}, returns the {@code probe.type} property of each provider it
     * registered, in order, and checks that stopping it withdraws every registration.
     */
    @SuppressWarnings("unchecked")
    public static List<List<String>> registeredProbeTypes(BundleActivator activator) throws Exception {
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<ProbeProvider> registration = mock(ServiceRegistration.class);
        ArgumentCaptor<Dictionary<String, ?>> properties = ArgumentCaptor.forClass(Dictionary.class);
        when(context.registerService(eq(ProbeProvider.class), any(ProbeProvider.class), properties.capture()))
                .thenReturn(registration);
        activator.start(context);
        List<List<String>> types = properties.getAllValues().stream()
                .map(d -> Arrays.asList((String[]) d.get("probe.type"))).toList();
        activator.stop(context);
        verify(registration, times(types.size())).unregister();
        return types;
    }

    /** Simple names of the providers ServiceLoader finds (the bundle's META-INF/services, outside OSGi). */
    public static List<String> serviceLoaderProviders() {
        return ServiceLoader.load(ProbeProvider.class).stream().map(p -> p.type().getSimpleName()).toList();
    }

    public static void assertServiceLoaderFinds(String... providers) {
        assertEquals(List.of(providers), serviceLoaderProviders());
    }
}
