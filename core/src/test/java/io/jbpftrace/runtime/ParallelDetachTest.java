package io.jbpftrace.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.spi.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ParallelDetachTest {
    /** Attachments whose close sleeps like the kernel's grace period does, and records that it ran. */
    private static List<Attachment> sleepers(int n, Set<Integer> closed, AtomicInteger running, AtomicInteger mostAtOnce) {
        List<Attachment> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            all.add(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                long until = System.nanoTime() + 5_000_000; // 5 ms, interrupted or not, as close(2) is
                while (System.nanoTime() < until) LockSupport.parkNanos(until - System.nanoTime());
                running.decrementAndGet();
                closed.add(id);
            });
        }
        return all;
    }

    @Test void closesEveryAttachmentBeforeReturningWithBoundedThreads() {
        Set<Integer> closed = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger(), mostAtOnce = new AtomicInteger();
        ParallelDetach.closeAll(sleepers(40, closed, running, mostAtOnce));
        assertEquals(40, closed.size());
        assertEquals(0, running.get());
        assertTrue(mostAtOnce.get() <= ParallelDetach.MAX_THREADS, "at most " + ParallelDetach.MAX_THREADS + " at once, saw " + mostAtOnce);
    }

    @Test void closesOverlap() {
        // Each close waits until MAX_THREADS closes are under way: closed one at a time, the barrier breaks.
        CyclicBarrier together = new CyclicBarrier(ParallelDetach.MAX_THREADS);
        AtomicInteger met = new AtomicInteger();
        List<Attachment> all = new ArrayList<>();
        for (int i = 0; i < ParallelDetach.MAX_THREADS; i++) {
            all.add(() -> {
                try {
                    together.await(10, TimeUnit.SECONDS);
                    met.incrementAndGet();
                } catch (Exception e) {
                    // counted as not met
                }
            });
        }
        ParallelDetach.closeAll(all);
        assertEquals(ParallelDetach.MAX_THREADS, met.get());
    }

    @Test void aLoneAttachmentIsClosedByTheCaller() {
        Thread[] closer = new Thread[1];
        ParallelDetach.closeAll(List.of(() -> closer[0] = Thread.currentThread()));
        assertSame(Thread.currentThread(), closer[0]);
        ParallelDetach.closeAll(List.of()); // nothing to do
    }

    @Test void aFailingCloseStillLetsTheOthersClose() {
        Set<Integer> closed = ConcurrentHashMap.newKeySet();
        List<Attachment> all = new ArrayList<>(sleepers(20, closed, new AtomicInteger(), new AtomicInteger()));
        IllegalStateException boom = new IllegalStateException("boom");
        all.add(3, () -> { throw boom; });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ParallelDetach.closeAll(all));
        assertSame(boom, thrown);
        assertEquals(20, closed.size());
    }

    @Test void anInterruptedCallerStillWaitsForEveryClose() {
        Set<Integer> closed = ConcurrentHashMap.newKeySet();
        List<Attachment> all = new ArrayList<>(sleepers(30, closed, new AtomicInteger(), new AtomicInteger()));
        Thread caller = Thread.currentThread();
        all.add(0, caller::interrupt); // taken first, by the caller or a helper, while the others still sleep
        try {
            ParallelDetach.closeAll(all);
            assertEquals(30, closed.size());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
