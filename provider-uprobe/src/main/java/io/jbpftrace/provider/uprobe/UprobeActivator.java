package io.jbpftrace.provider.uprobe;

import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.osgi.ProviderActivator;
import java.util.List;

/** Publishes the uprobe and uretprobe providers as OSGi services while the bundle runs. */
public final class UprobeActivator extends ProviderActivator {
    @Override
    protected List<ProbeProvider> providers() { return List.of(new UprobeProvider(), new UretprobeProvider()); }
}
