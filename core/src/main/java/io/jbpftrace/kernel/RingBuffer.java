package io.jbpftrace.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jbpftrace.bpf.MapType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads samples from a RINGBUF map straight from its memory mapping, as the kernel lays it out: a
 * writable consumer page, then the read-only producer page and the data area mapped twice in a row
 * (so a record that wraps around is still contiguous). Each sample reaches the handler inside the
 * shared ring (no copy, no native upcall), valid only during the call. Not thread safe: poll from
 * one thread.
 */
public final class RingBuffer implements AutoCloseable {
    /** Gets each sample as its place in the mapped ring (little-endian): {@code size} bytes at {@code at}. */
    @FunctionalInterface
    public interface Handler {
        void accept(ByteBuffer ring, int at, int size);
    }

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1, POLLIN = 1;
    /** Record header: u32 length with these two flag bits, u32 page offset. */
    private static final int BUSY = 1 << 31, DISCARD = 1 << 30, HEADER = 8;

    private final Handler handler;
    private final String name;
    private final int fd;
    private final long mask;
    private final int page;
    private final long dataLength;
    private final Memory pollFd = new Memory(8);
    private Pointer consumerPage;
    private Pointer producerPages;
    private ByteBuffer consumer;
    private ByteBuffer producer;

    /** The handler gets each sample as a buffer of its own (a view: one object per sample). */
    public RingBuffer(BpfMap map, Consumer<ByteBuffer> handler) throws KernelException {
        this(map, (ring, at, size) -> handler.accept(ring.slice(at, size).order(ByteOrder.LITTLE_ENDIAN)));
    }

    public RingBuffer(BpfMap map, Handler handler) throws KernelException {
        if (map.type() != MapType.RINGBUF) throw new IllegalArgumentException(map.name() + " is not a ring buffer");
        this.handler = handler;
        this.name = map.name();
        this.fd = map.fd();
        this.page = LibC.getpagesize();
        this.dataLength = map.maxEntries();
        this.mask = dataLength - 1;
        try {
            consumerPage = LibC.mmap(null, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            producerPages = LibC.mmap(null, page + 2 * dataLength, PROT_READ, MAP_SHARED, fd, page);
        } catch (LastErrorException e) {
            close();
            throw Errno.fail("mmap(" + name + ")", e.getErrorCode());
        }
        consumer = consumerPage.getByteBuffer(0, page).order(ByteOrder.nativeOrder());
        producer = producerPages.getByteBuffer(0, page + 2 * dataLength).order(ByteOrder.LITTLE_ENDIAN);
        pollFd.setInt(0, fd);
        pollFd.setShort(4, (short) POLLIN);
    }

    /** Waits up to {@code timeoutMs} for the kernel to wake us, then handles what is ready; returns how many. */
    public int poll(int timeoutMs) throws KernelException {
        open();
        if (!ready()) {
            try {
                pollFd.setShort(6, (short) 0);
                LibC.poll(pollFd, 1, timeoutMs);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) throw Errno.fail("poll(" + name + ")", e.getErrorCode());
            }
        }
        return consume();
    }

    /** Bytes the kernel wrote that were not consumed yet (record headers included). */
    public long pendingBytes() {
        open();
        return (long) LONGS.getAcquire(producer, 0) - (long) LONGS.getAcquire(consumer, 0);
    }

    /** Size of the data area. */
    public long capacity() { return dataLength; }

    private boolean ready() {
        return (long) LONGS.getAcquire(producer, 0) != (long) LONGS.getAcquire(consumer, 0);
    }

    /** Handles whatever samples are ready, without waiting; returns how many. */
    public int consume() {
        open();
        int handled = 0;
        long cons = (long) LONGS.getAcquire(consumer, 0);
        long prod = (long) LONGS.getAcquire(producer, 0);
        while (cons < prod) {
            int at = (int) (page + (cons & mask));
            int len = (int) INTS.getAcquire(producer, at);
            if ((len & BUSY) != 0) break; // reserved, not yet committed: the next round gets it
            int size = len & ~(BUSY | DISCARD);
            long next = cons + ((size + HEADER + 7) & ~7);
            if ((len & DISCARD) == 0) {
                handled++;
                try {
                    handler.accept(producer, at + HEADER, size);
                } finally {
                    LONGS.setRelease(consumer, 0, next); // a failing record is not read twice
                }
            } else {
                LONGS.setRelease(consumer, 0, next);
            }
            cons = next;
            if (cons >= prod) prod = (long) LONGS.getAcquire(producer, 0);
        }
        return handled;
    }

    private void open() {
        if (consumer == null) throw new IllegalStateException("ring buffer " + name + " is closed");
    }

    /** Unmaps the ring; the map itself stays owned by its {@link BpfMap}. */
    @Override public void close() {
        consumer = null;
        producer = null;
        if (consumerPage != null) LibC.munmap(consumerPage, page);
        if (producerPages != null) LibC.munmap(producerPages, page + 2 * dataLength);
        consumerPage = producerPages = null;
    }
}
