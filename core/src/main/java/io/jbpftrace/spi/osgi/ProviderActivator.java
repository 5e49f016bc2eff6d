package io.jbpftrace.spi.osgi;

import io.jbpftrace.spi.ProbeProvider;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of a provider bundle: publishes its providers as {@link ProbeProvider} services
 * with the {@code probe.type} property listing the probe types each owns, and withdraws them when
 * the bundle stops. A bundle's activator only names its providers.
 */
public abstract class ProviderActivator implements BundleActivator {
    /** Service property holding the probe types (canonical name and aliases) a provider owns. */
    public static final String PROBE_TYPE = "probe.type";

    private final List<ServiceRegistration<ProbeProvider>> registrations = new ArrayList<>();

    /** The providers this bundle contributes, created when the bundle starts. */
    protected abstract List<ProbeProvider> providers();

    @Override
    public void start(BundleContext context) {
        for (ProbeProvider provider : providers()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(PROBE_TYPE, provider.probeTypes().toArray(String[]::new));
            registrations.add(context.registerService(ProbeProvider.class, provider, properties));
        }
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
