package io.jbpftrace.registry.testbundle;

import io.jbpftrace.spi.ProbeProvider;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers a {@link FixedTypeProvider} whose type comes from the bundle's {@code Probe-Type} header. */
public final class FixedTypeActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        String type = context.getBundle().getHeaders().get("Probe-Type");
        context.registerService(ProbeProvider.class, new FixedTypeProvider(type), null);
    }

    @Override
    public void stop(BundleContext context) {}
}
