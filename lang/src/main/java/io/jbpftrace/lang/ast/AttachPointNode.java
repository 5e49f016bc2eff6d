package io.jbpftrace.lang.ast;

/** One attach point as written ({@code tracepoint:syscalls:sys_enter_*}, {@code BEGIN}); providers interpret it. */
public record AttachPointNode(String raw, Pos pos) implements Node {}
