package io.jbpftrace.provider.usdt;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the usdt provider as OSGi services while the bundle runs. */
public final class UsdtActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new UsdtProvider()); }
}
