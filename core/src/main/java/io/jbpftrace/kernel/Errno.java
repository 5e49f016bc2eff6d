package io.jbpftrace.kernel;

/** Turns errno values into the text users know from strerror. */
public final class Errno {
    private Errno() {}

    static final int ENOENT = 2, EINTR = 4, EINVAL = 22, ENOSPC = 28, EOPNOTSUPP = 95, ENOTSUPP = 524;

    /** Text for an errno; accepts libbpf's negative return values too. */
    public static String text(int errno) {
        int e = Math.abs(errno);
        // ENOTSUPP is kernel-internal and unknown to libc, but the bpf syscall leaks it.
        if (e == ENOTSUPP) return "Operation not supported";
        if (e == 0) return "failed (no errno)";
        return LibC.strerror(e);
    }

    /** A user-readable "operation: error text" exception. */
    static KernelException fail(String operation, int errno) {
        return new KernelException(operation + ": " + text(errno));
    }
}
