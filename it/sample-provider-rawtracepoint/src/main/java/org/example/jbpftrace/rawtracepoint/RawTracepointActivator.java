package org.example.jbpftrace.rawtracepoint;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Publishes the provider as an OSGi service; jbpftrace finds it by the ProbeProvider interface. */
public final class RawTracepointActivator implements BundleActivator {
    private ServiceRegistration<ProbeProvider> registration;

    @Override
    public void start(BundleContext context) {
        RawTracepointProvider provider = new RawTracepointProvider();
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
