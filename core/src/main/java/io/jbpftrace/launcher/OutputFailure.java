package io.jbpftrace.launcher;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Remembers that writing the output failed. PrintStream swallows write errors, so without this a
 * reader that went away (`jbpftrace ... | head -1`) would leave the tracer running forever; bpftrace
 * dies of SIGPIPE there, and the JVM ignores SIGPIPE.
 */
final class OutputFailure extends FilterOutputStream {
    /** 128 + SIGPIPE: what a shell reports for a writer that a closed pipe ended. */
    static final int BROKEN_PIPE_STATUS = 141;

    private volatile IOException failure;

    OutputFailure(OutputStream out) { super(out); }

    @Override public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) failure = e;
        return e;
    }

    boolean failed() { return failure != null; }

    /** The reader closed its end (EPIPE). */
    boolean brokenPipe() { return failure != null && String.valueOf(failure.getMessage()).contains("Broken pipe"); }

    String message() { return failure == null ? null : failure.getMessage(); }
}
