package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * The {@link ProbeProvider} services of an OSGi framework, followed as they come and go: a provider
 * registered later is used by the next compile, and one unregistering (its bundle stopping) is
 * announced to removal listeners first, so running traces detach its probes while it still works.
 * Works with any framework whose system bundle exports core's packages ({@link CoreExports}).
 */
public final class BundleContextProviderSource implements ProviderSource {
    private static final String FILTER = "(" + Constants.OBJECTCLASS + "=" + ProbeProvider.class.getName() + ")";

    private final BundleContext context;
    private final List<Tracked> tracked = new ArrayList<>();
    private final List<Consumer<ProbeProvider>> removalListeners = new CopyOnWriteArrayList<>();
    private final ServiceListener listener = this::serviceChanged;

    private record Tracked(ServiceReference<ProbeProvider> reference, ProbeProvider provider) {}

    public BundleContextProviderSource(BundleContext context) {
        this.context = context;
        try {
            // Listen first, then look: a service registered in between is seen at least once (add() dedups).
            context.addServiceListener(listener, FILTER);
            for (ServiceReference<ProbeProvider> ref : context.getServiceReferences(ProbeProvider.class, null)) add(ref);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private void serviceChanged(ServiceEvent event) {
        ServiceReference<ProbeProvider> ref = (ServiceReference<ProbeProvider>) event.getServiceReference();
        if (event.getType() == ServiceEvent.REGISTERED) add(ref);
        else if (event.getType() == ServiceEvent.UNREGISTERING) remove(ref);
    }

    private synchronized void add(ServiceReference<ProbeProvider> ref) {
        if (tracked.stream().anyMatch(t -> t.reference().equals(ref))) return;
        ProbeProvider provider = context.getService(ref);
        if (provider == null) return;
        tracked.add(new Tracked(ref, provider));
        // Bundle order (the sorted folder listing) keeps --version and registry order stable.
        tracked.sort(Comparator.<Tracked>comparingLong(t -> t.reference().getBundle().getBundleId())
                .thenComparingLong(t -> (Long) t.reference().getProperty(Constants.SERVICE_ID)));
    }

    private void remove(ServiceReference<ProbeProvider> ref) {
        Tracked gone;
        synchronized (this) {
            gone = tracked.stream().filter(t -> t.reference().equals(ref)).findFirst().orElse(null);
            if (gone == null) return;
            tracked.remove(gone);
        }
        for (Consumer<ProbeProvider> l : removalListeners) l.accept(gone.provider());
        context.ungetService(ref);
    }

    @Override
    public synchronized List<ProbeProvider> providers() { return tracked.stream().map(Tracked::provider).toList(); }

    @Override
    public synchronized List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Tracked t : tracked) {
            Bundle bundle = t.reference().getBundle();
            String version = bundle == null ? "unknown" : ProviderDescription.shortVersion(bundle.getVersion().toString());
            String origin = bundle == null ? "unregistered" : bundle.getSymbolicName();
            lines.add(ProviderDescription.of(t.provider(), version, origin));
        }
        return lines;
    }

    @Override
    public void addRemovalListener(Consumer<ProbeProvider> l) { removalListeners.add(l); }

    @Override
    public void removeRemovalListener(Consumer<ProbeProvider> l) { removalListeners.remove(l); }

    /** Stops following the services and releases them; the framework itself is left alone. */
    @Override
    public void close() {
        try {
            context.removeServiceListener(listener);
        } catch (IllegalStateException e) {
            return; // the framework is already stopped, and with it every service use
        }
        List<Tracked> all;
        synchronized (this) {
            all = List.copyOf(tracked);
            tracked.clear();
        }
        for (Tracked t : all) {
            try {
                context.ungetService(t.reference());
            } catch (IllegalStateException e) {
                // the bundle context went away meanwhile; nothing left to release
            }
        }
    }
}
