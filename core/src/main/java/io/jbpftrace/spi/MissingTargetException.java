package io.jbpftrace.spi;

/**
 * The named function, symbol or probe does not exist in the target (a library built without it, a
 * newer libc that moved it). Like bpftrace, the compiler skips such a probe with a warning when the
 * script has others to attach, and reports it as an error when nothing would be left.
 */
public class MissingTargetException extends ProbeException {
    public MissingTargetException(String message) { super(message); }
}
