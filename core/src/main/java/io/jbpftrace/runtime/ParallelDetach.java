package io.jbpftrace.runtime;

import io.jbpftrace.spi.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes attachments a few at a time. Closing a perf event that carries a BPF program waits in the
 * kernel for RCU grace periods (about 50 ms for a tracepoint), so 30 probes closed one after another
 * take 1.5 s; closed side by side, the waits overlap. The helper threads sleep in the kernel rather
 * than spin, so a handful suffice. Returns only when every attachment has been closed.
 */
final class ParallelDetach {
    /** Beyond this the kernel's own serial part (event_mutex) dominates: 4 to 8 threads measured alike. */
    static final int MAX_THREADS = 8;

    private ParallelDetach() {}

    /** Closes all of them, the caller's thread included; rethrows the first failure once all are closed. */
    static void closeAll(List<? extends Attachment> attachments) {
        int n = attachments.size();
        AtomicInteger next = new AtomicInteger();
        Failure failure = new Failure();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) failure.closing(attachments.get(i));
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(n, MAX_THREADS); t++) {
            Thread helper = new Thread(work, "jbpftrace-detach");
            helper.setDaemon(true);
            try {
                helper.start();
            } catch (OutOfMemoryError e) {
                break; // no more threads to be had: those started and the caller close the rest
            }
            helpers.add(helper);
        }
        work.run();
        joinAll(helpers);
        failure.rethrow();
    }

    /** Waits even when interrupted: a program must not be closed while a probe still runs it. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Attachments promise not to throw; if one does anyway, the others are still closed. */
    private static final class Failure {
        private RuntimeException first;

        void closing(Attachment a) {
            try {
                a.close();
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (first == null) first = e;
                }
            }
        }

        synchronized void rethrow() {
            if (first != null) throw first;
        }
    }
}
