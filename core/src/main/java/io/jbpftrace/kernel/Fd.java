package io.jbpftrace.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/** A file descriptor closed exactly once, however often {@link #close()} is called. */
final class Fd implements AutoCloseable {
    private final AtomicInteger fd;

    Fd(int fd) { this.fd = new AtomicInteger(fd); }

    /** The descriptor, or -1 once closed. */
    int get() { return fd.get(); }

    int require() {
        int value = fd.get();
        if (value < 0) throw new IllegalStateException("already closed");
        return value;
    }

    @Override public void close() {
        int value = fd.getAndSet(-1);
        if (value >= 0) {
            try {
                LibC.close(value);
            } catch (com.sun.jna.LastErrorException ignored) {
                // close(2) releases the descriptor even when it reports an error; nothing to retry.
            }
        }
    }
}
