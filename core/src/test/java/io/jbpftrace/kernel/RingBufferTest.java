package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.bpf.MapType;
import io.jbpftrace.bpf.ProgType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {
    @org.junit.jupiter.api.AfterEach void nothingLeaks() { TestPrograms.assertNoKernelObjectsOpen(); }

    @Test void handlerReceivesWhatTheProgramOutput() throws Exception {
        List<Long> received = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, "events", 0, 0, 4096);
             BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "emit", TestPrograms.ringbufOutput(ring, 42));
             RingBuffer rb = new RingBuffer(ring, (ByteBuffer b) -> {
                 sizes.add(b.remaining());
                 received.add(b.getLong(0));
             })) {
            assertEquals(0, rb.consume());
            prog.testRun();
            assertEquals(1, rb.poll(1000));
            assertEquals(List.of(42L), received);
            assertEquals(List.of(8), sizes);
            prog.testRun();
            prog.testRun();
            assertEquals(2, rb.consume());
            assertEquals(List.of(42L, 42L, 42L), received);
            assertEquals(0, rb.poll(10));
        }
    }

    @Test void handlerExceptionsSurfaceFromPoll() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, "events", 0, 0, 4096);
             BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "emit", TestPrograms.ringbufOutput(ring, 1));
             RingBuffer rb = new RingBuffer(ring, b -> { throw boom; })) {
            prog.testRun();
            assertSame(boom, assertThrows(IllegalStateException.class, () -> rb.poll(1000)));
        }
    }

    @Test void onlyRingBufferMapsAreAccepted() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "h", 4, 4, 4)) {
            assertThrows(IllegalArgumentException.class, () -> new RingBuffer(map, b -> {}));
        }
    }

    /** A 4 KiB ring holds 256 records of 8 bytes; 1000 of them wrap around it several times. */
    @Test void recordsArriveInOrderAcrossTheWrapAround() throws Exception {
        List<ByteBuffer> views = new ArrayList<>();
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, "events", 0, 0, 4096);
             BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "emit", TestPrograms.ringbufOutput(ring, 7));
             RingBuffer rb = new RingBuffer(ring, b -> views.add(b))) {
            int total = 0;
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 100; i++) prog.testRun();
                total += rb.consume();
            }
            assertEquals(1000, total);
            assertEquals(1000, views.size());
            for (ByteBuffer b : views) assertEquals(8, b.remaining());
        }
    }

    /**
     * What does not fit a full ring is refused by the kernel; what fits arrives intact. The kernel
     * keeps the ring from filling to the last byte, so 255 of the 16-byte records fit 4 KiB.
     */
    @Test void aFullRingKeepsWhatFitted() throws Exception {
        List<Long> received = new ArrayList<>();
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, "events", 0, 0, 4096);
             BpfProgram prog = BpfProgram.load(ProgType.RAW_TRACEPOINT, "emit", TestPrograms.ringbufOutput(ring, 9));
             RingBuffer rb = new RingBuffer(ring, b -> received.add(b.getLong(0)))) {
            for (int i = 0; i < 300; i++) prog.testRun();
            assertEquals(255, rb.consume());
            assertEquals(java.util.Collections.nCopies(255, 9L), received);
            prog.testRun();
            assertEquals(1, rb.poll(1000));
        }
    }

    @Test void closeIsIdempotent() throws Exception {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, "events", 0, 0, 4096)) {
            RingBuffer rb = new RingBuffer(ring, b -> {});
            rb.close();
            rb.close();
            assertThrows(IllegalStateException.class, () -> rb.poll(0));
        }
    }
}
