package io.jbpftrace.provider.tracepoint;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the tracepoint provider as OSGi services while the bundle runs. */
public final class TracepointActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new TracepointProvider()); }
}
