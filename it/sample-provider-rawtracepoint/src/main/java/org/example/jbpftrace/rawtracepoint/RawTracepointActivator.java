package org.example.jbpftrace.rawtracepoint;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the rawtracepoint provider as OSGi services while the bundle runs. */
public final class RawTracepointActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new RawTracepointProvider()); }
}
