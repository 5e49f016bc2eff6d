package io.jbpftrace.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Drains a process stream on its own thread (a full pipe would stall the tracer) and lets a test
 * wait until the text seen so far satisfies a condition.
 */
final class StreamCollector {
    private final StringBuilder text = new StringBuilder();
    private final Thread thread;
    private boolean ended;

    StreamCollector(InputStream in, String name) {
        thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = r.read(buf)) >= 0; ) {
                synchronized (this) {
                    text.append(buf, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away; what was read stays available
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    synchronized String text() { return text.toString(); }

    /** Waits until the condition holds on the text so far; false on timeout or end of stream without it. */
    synchronized boolean await(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(text.toString())) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The complete text, once the stream has ended (the process exited and closed it). */
    String awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return text();
    }
}
