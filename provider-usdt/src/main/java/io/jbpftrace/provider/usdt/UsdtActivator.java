package io.jbpftrace.provider.usdt;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Publishes the usdt provider as an OSGi service, keyed by its probe types. */
public final class UsdtActivator implements BundleActivator {
    private ServiceRegistration<ProbeProvider> registration;

    @Override
    public void start(BundleContext context) {
        ProbeProvider provider = new UsdtProvider();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("probe.type", provider.probeTypes().toArray(String[]::new));
        registration = context.registerService(ProbeProvider.class, provider, properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) registration.unregister();
        registration = null;
    }
}
