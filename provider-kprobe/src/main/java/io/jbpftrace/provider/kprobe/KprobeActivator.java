package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.ProbeProvider;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Publishes the kprobe, kretprobe, kfunc and kretfunc providers as OSGi services, keyed by their probe types. */
public final class KprobeActivator implements BundleActivator {
    private final List<ServiceRegistration<ProbeProvider>> registrations = new ArrayList<>();

    @Override
    public void start(BundleContext context) {
        for (ProbeProvider provider : List.of(new KprobeProvider(), new KretprobeProvider(), new KfuncProvider(), new KretfuncProvider())) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("probe.type", provider.probeTypes().toArray(String[]::new));
            registrations.add(context.registerService(ProbeProvider.class, provider, properties));
        }
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
