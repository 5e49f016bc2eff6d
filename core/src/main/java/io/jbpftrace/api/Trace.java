package io.jbpftrace.api;

import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.registry.ProviderSource;
import io.jbpftrace.runtime.Tracer;
import io.jbpftrace.spi.ProbeProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running script: attached, BEGIN done, its output polled on a daemon thread that calls the
 * printf callback. {@link #close()} detaches, runs END, and releases every kernel object.
 * Thread-safe; callbacks run on the polling thread (END's on the thread calling close).
 */
public final class Trace implements AutoCloseable {
    private final Tracer tracer;
    private final CallbackSink sink;
    private final ProviderSource source;
    private final Consumer<ProbeProvider> onProviderRemoved;
    private final int probes;
    private final CountDownLatch pollerDone = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private boolean closed;

    Trace(Tracer tracer, CallbackSink sink, ProviderSource source, int probes) {
        this.tracer = tracer;
        this.sink = sink;
        this.source = source;
        this.probes = probes;
        // A provider bundle stopping takes its probes with it; the rest of the script keeps running.
        this.onProviderRemoved = tracer::detach;
        source.addRemovalListener(onProviderRemoved);
        this.poller = new Thread(this::poll, "jbpftrace-poll");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            tracer.run(() -> stopping);
        } catch (KernelException | RuntimeException e) {
            failure = e;
        } finally {
            pollerDone.countDown();
        }
    }

    /** Probes attached at start (BEGIN and END included, as bpftrace counts them). */
    public int probeCount() { return probes; }

    /** Probes still attached: fewer than at start once a provider went away, none after close. */
    public int attachedCount() { return tracer.attachedCount(); }

    /**
     * Every map's contents now, by name ({@code @} for the unnamed map), keys and values decoded:
     * integers as {@code MapValue.Int}, histograms as {@code MapValue.Hist}/{@code LHist} (see
     * {@link Histogram#of}). After close: the contents at the end, after END ran.
     */
    public synchronized Map<String, List<MapEntry>> maps() throws TraceException {
        if (closed) return sink.atExit() == null ? Map.of() : sink.atExit();
        try {
            return tracer.readMaps();
        } catch (KernelException e) {
            throw new TraceException(e.getMessage(), e);
        }
    }

    /** Entries of one map; empty when the map is unknown or empty. */
    public List<MapEntry> map(String name) throws TraceException { return maps().getOrDefault(name, List.of()); }

    /**
     * Waits until the script calls exit() (or polling failed); true if it did within the timeout.
     * The probes stay attached until {@link #close()}.
     */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return pollerDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && tracer.exitRequested();
    }

    public boolean exitRequested() { return tracer.exitRequested(); }

    /** The value given to exit(), 0 otherwise. */
    public long exitCode() { return tracer.exitCode(); }

    /** Detaches, runs END, keeps the final map contents for {@link #maps()}, closes every fd. Idempotent. */
    @Override
    public synchronized void close() throws TraceException {
        if (closed) return;
        closed = true;
        source.removeRemovalListener(onProviderRemoved);
        stopping = true;
        try {
            joinPoller();
            if (failure == null) tracer.end();
        } catch (KernelException | RuntimeException e) {
            if (failure == null) failure = e;
        } finally {
            tracer.close();
        }
        if (failure != null) throw new TraceException(failure.getMessage(), failure);
    }

    private void joinPoller() {
        boolean interrupted = false;
        while (true) {
            try {
                poller.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the kernel objects must be released regardless
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
