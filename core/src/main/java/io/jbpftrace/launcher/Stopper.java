package io.jbpftrace.launcher;

import io.jbpftrace.kernel.SignalDispositions;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a flag the trace loop polls, so the run ends the normal way
 * (END, map printing, every kernel object closed) instead of the JVM dying mid-way.
 */
final class Stopper {
    private static final int SIGINT = 2;
    private volatile boolean stopped;

    static Stopper onSignals() {
        Stopper s = new Stopper();
        SignalDispositions.unignore(SIGINT);
        for (String name : new String[] {"INT", "TERM"}) Signal.handle(new Signal(name), sig -> s.stopped = true);
        return s;
    }

    boolean stopped() { return stopped; }
}
