package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts another provider source on a background thread, so the framework comes up while the
 * script is parsed; every method waits for it only when called.
 */
public final class BackgroundProviderSource implements ProviderSource {
    private final CompletableFuture<ProviderSource> starting = new CompletableFuture<>();
    private volatile boolean used;

    private final Callable<ProviderSource> start;
    private boolean started;

    private BackgroundProviderSource(Callable<ProviderSource> start) { this.start = start; }

    /** Starts the source on its own thread now, so it comes up while the script is parsed. */
    private synchronized void begin() {
        if (started) return;
        started = true;
        Thread t = new Thread(() -> {
            try {
                starting.complete(start.call());
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "jbpftrace-providers");
        t.setDaemon(true);
        t.start();
    }

    public static BackgroundProviderSource start(Callable<ProviderSource> start) {
        BackgroundProviderSource source = new BackgroundProviderSource(start);
        source.begin();
        return source;
    }

    /**
     * Starts the source only when first asked for providers: for a script that probably needs none
     * (BEGIN/END only), which then spends no CPU time on the framework at all.
     */
    public static BackgroundProviderSource onDemand(Callable<ProviderSource> start) { return new BackgroundProviderSource(start); }

    private ProviderSource source() {
        used = true;
        begin();
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the providers were starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the providers failed to start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override public List<ProbeProvider> providers() { return source().providers(); }

    @Override public List<String> describe() { return source().describe(); }

    @Override public boolean startHeldBack() { return source().startHeldBack(); }

    @Override public List<String> problems() { return source().problems(); }

    @Override public void addRemovalListener(java.util.function.Consumer<ProbeProvider> listener) { source().addRemovalListener(listener); }

    @Override public void removeRemovalListener(java.util.function.Consumer<ProbeProvider> listener) { source().removeRemovalListener(listener); }

    /**
     * Closes the source once started. A source nobody asked for (a BEGIN-only script) that is still
     * starting is abandoned: its daemon thread dies with the JVM, and the next start removes its cache.
     */
    @Override
    public void close() {
        if (!used && !starting.isDone()) return;
        try {
            starting.get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // nothing started, nothing to close
        }
    }
}
