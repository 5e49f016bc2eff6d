package io.jbpftrace.spi;

import io.jbpftrace.bpf.AttachType;

/**
 * What the kernel needs at load time, beyond the program type, to bind a program to its target
 * (BPF_PROG_LOAD's expected_attach_type and attach_btf_id). A TRACING program (fentry/fexit) is
 * verified against one kernel function, so it must name that function's BTF type id when loaded.
 *
 * @param expectedAttachType the attach type, or null for none (kprobes, tracepoints ...)
 * @param attachBtfId        the BTF type id of the target in vmlinux' BTF, or 0
 */
public record LoadAttributes(AttachType expectedAttachType, int attachBtfId) {
    public static final LoadAttributes NONE = new LoadAttributes(null, 0);

    /** A program bound to the kernel function with BTF id {@code btfId}. */
    public static LoadAttributes tracing(AttachType type, int btfId) { return new LoadAttributes(type, btfId); }
}
