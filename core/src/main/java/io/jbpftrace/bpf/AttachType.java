package io.jbpftrace.bpf;

/** Expected attach types a program may be loaded with (values of the kernel uapi's enum bpf_attach_type). */
public enum AttachType {
    TRACE_FENTRY(24), TRACE_FEXIT(25);

    public final int id;

    AttachType(int id) { this.id = id; }
}
