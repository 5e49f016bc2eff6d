package io.jbpftrace.api;

/**
 * A script that could not be compiled, loaded or attached. The message is what the CLI would print
 * (for compile errors: {@code file:line:col: ERROR: ...}, the source line and a caret).
 */
public class TraceException extends Exception {
    public TraceException(String message, Throwable cause) { super(message, cause); }
}
