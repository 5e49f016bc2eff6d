package io.jbpftrace.spi;

/** A probe that cannot be resolved or attached; the message is shown to the user as is. */
public class ProbeException extends Exception {
    public ProbeException(String message) { super(message); }

    public ProbeException(String message, Throwable cause) { super(message, cause); }
}
