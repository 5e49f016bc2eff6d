package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the kprobe, kretprobe, kfunc and kretfunc providers as OSGi services while the bundle runs. */
public final class KprobeActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new KprobeProvider(), new KretprobeProvider(), new KfuncProvider(), new KretfuncProvider()); }
}
