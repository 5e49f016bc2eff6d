package io.jbpftrace.kernel;

import com.sun.jna.Pointer;
import io.jbpftrace.bpf.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads samples from a RINGBUF map through libbpf's ring_buffer. Each sample reaches the handler as
 * a view of the shared ring (no copy), valid only during the call. Not thread safe: poll from one thread.
 */
public final class RingBuffer implements AutoCloseable {
    private final Consumer<ByteBuffer> handler;
    // Held in a field: JNA frees the native trampoline once the callback object is unreachable.
    private final LibBpf.SampleCallback callback = this::onSample;
    private final String name;
    private Pointer rb;
    private RuntimeException handlerFailure;

    public RingBuffer(BpfMap map, Consumer<ByteBuffer> handler) throws KernelException {
        if (map.type() != MapType.RINGBUF) throw new IllegalArgumentException(map.name() + " is not a ring buffer");
        this.handler = handler;
        this.name = map.name();
        Pointer created = LibBpf.ring_buffer__new(map.fd(), callback, null, null);
        if (created == null) throw Errno.fail("ring_buffer__new(" + name + ")", com.sun.jna.Native.getLastError());
        this.rb = created;
    }

    private int onSample(Pointer ctx, Pointer data, long size) {
        try {
            handler.accept(data.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN));
            return 0;
        } catch (RuntimeException | Error e) {
            // Never let an exception unwind through native frames; stop polling and rethrow in Java.
            handlerFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            return -1;
        }
    }

    /** Waits up to {@code timeoutMs} for samples; returns how many were handled (0 when interrupted). */
    public int poll(int timeoutMs) throws KernelException {
        return checked("ring_buffer__poll", LibBpf.ring_buffer__poll(open(), timeoutMs));
    }

    /** Handles whatever samples are ready, without waiting. */
    public int consume() throws KernelException {
        return checked("ring_buffer__consume", LibBpf.ring_buffer__consume(open()));
    }

    private int checked(String operation, int rc) throws KernelException {
        RuntimeException failure = handlerFailure;
        if (failure != null) {
            handlerFailure = null;
            throw failure;
        }
        if (rc == -Errno.EINTR) return 0;
        if (rc < 0) throw Errno.fail(operation + "(" + name + ")", rc);
        return rc;
    }

    private Pointer open() {
        if (rb == null) throw new IllegalStateException("ring buffer " + name + " is closed");
        return rb;
    }

    /** Frees libbpf's mappings; the map itself stays owned by its {@link BpfMap}. */
    @Override public void close() {
        Pointer p = rb;
        rb = null;
        if (p != null) LibBpf.ring_buffer__free(p);
    }
}
