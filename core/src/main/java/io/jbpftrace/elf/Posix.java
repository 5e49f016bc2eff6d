package io.jbpftrace.elf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/** libc open/close: libelf reads from a file descriptor, which Java's file APIs do not expose. */
final class Posix {
    private Posix() {}

    static final int O_RDONLY = 0, O_CLOEXEC = 0x80000;

    static {
        Native.register(Posix.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
