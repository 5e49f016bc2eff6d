package io.jbpftrace.btf;

/** BTF that cannot be read or does not follow the format. */
public final class BtfException extends RuntimeException {
    public BtfException(String message) { super(message); }

    public BtfException(String message, Throwable cause) { super(message, cause); }
}
