package io.jbpftrace.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc calls. {@code syscall} and {@code ioctl} are variadic in C; they are declared
 * here with fixed integer parameters, which the x86-64 and AArch64 Linux calling conventions pass
 * exactly like variadic integer arguments (libffi also sets %al on x86-64 for every call).
 */
final class LibC {
    private LibC() {}

    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** __NR_perf_event_open for this architecture. */
    static final long SYS_PERF_EVENT_OPEN = "aarch64".equals(System.getProperty("os.arch")) ? 241 : 298;

    static native int close(int fd) throws LastErrorException;

    static native String strerror(int errno);

    /** syscall(SYS_perf_event_open, attr, pid, cpu, group_fd, flags) */
    static native long syscall(long number, Pointer attr, int pid, int cpu, int groupFd, long flags)
            throws LastErrorException;

    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(Pointer addr, long length) throws LastErrorException;

    /** poll(struct pollfd *fds, nfds_t nfds, int timeout) */
    static native int poll(Pointer fds, long nfds, int timeoutMs) throws LastErrorException;

    static native int getpagesize();

    /** signal(signum, handler): returns the previous handler (SIG_DFL 0, SIG_IGN 1, or a function). */
    static native Pointer signal(int signum, Pointer handler);

    static native int mount(String source, String target, String fsType, long flags, Pointer data)
            throws LastErrorException;
}
