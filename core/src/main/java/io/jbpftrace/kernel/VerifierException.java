package io.jbpftrace.kernel;

/** The verifier rejected a program; {@link #log()} holds what it said and why. */
public final class VerifierException extends KernelException {
    private final String log;

    VerifierException(String message, String log) {
        super(message);
        this.log = log;
    }

    /** The full verifier log (level 1). */
    public String log() { return log; }
}
