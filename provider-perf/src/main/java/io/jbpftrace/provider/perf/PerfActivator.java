package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the software and hardware providers as OSGi services while the bundle runs. */
public final class PerfActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new SoftwareProvider(), new HardwareProvider()); }
}
