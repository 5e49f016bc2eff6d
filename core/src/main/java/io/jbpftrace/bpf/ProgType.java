package io.jbpftrace.bpf;

/** BPF program types used by providers (values from the kernel uapi). */
public enum ProgType {
    KPROBE(2), TRACEPOINT(5), PERF_EVENT(7), RAW_TRACEPOINT(17), TRACING(26);

    public final int id;

    ProgType(int id) { this.id = id; }
}
