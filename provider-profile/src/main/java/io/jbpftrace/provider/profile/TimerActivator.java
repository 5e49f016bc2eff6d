package io.jbpftrace.provider.profile;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the profile and interval providers as OSGi services while the bundle runs. */
public final class TimerActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new ProfileProvider(), new IntervalProvider()); }
}
