package io.jbpftrace.kernel;

/** The kernel refused a request; the message names the operation and the errno text. */
public sealed class KernelException extends Exception permits VerifierException {
    KernelException(String message) { super(message); }
}
