package io.jbpftrace.bpf;

/** BPF map types used by jbpftrace (values from the kernel uapi). */
public enum MapType {
    HASH(1), ARRAY(2), PERF_EVENT_ARRAY(4), PERCPU_HASH(5), PERCPU_ARRAY(6), STACK_TRACE(7), LRU_HASH(9),
    RINGBUF(27);

    public final int id;

    MapType(int id) { this.id = id; }

    public boolean perCpu() { return this == PERCPU_HASH || this == PERCPU_ARRAY; }
}
