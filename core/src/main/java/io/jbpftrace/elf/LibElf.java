package io.jbpftrace.elf;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped bindings to elfutils' libelf.so.1. Only the gelf_* calls that hide the ELF class
 * are used, so 32- and 64-bit files read the same way; size_t is mapped to long (LP64 only).
 */
final class LibElf {
    private LibElf() {}

    static final int EV_CURRENT = 1;
    /** Elf_Cmd ELF_C_READ_MMAP: map the file instead of reading it all. */
    static final int ELF_C_READ_MMAP = 8;
    /** Elf_Kind ELF_K_ELF. */
    static final int ELF_K_ELF = 3;

    static {
        // The versioned soname: libelf.so exists only with libelf-dev installed.
        Native.register(LibElf.class, NativeLibrary.getInstance("libelf.so.1"));
        // Must precede every other call; it returns the previous version, never an error here.
        elf_version(EV_CURRENT);
    }

    static native int elf_version(int version);

    static native Pointer elf_begin(int fd, int cmd, Pointer ref);

    static native int elf_end(Pointer elf);

    static native int elf_kind(Pointer elf);

    static native int elf_errno();

    static native String elf_errmsg(int error);

    static native Pointer gelf_getehdr(Pointer elf, Pointer dst);

    static native int elf_getphdrnum(Pointer elf, long[] count);

    static native Pointer gelf_getphdr(Pointer elf, int index, Pointer dst);

    static native Pointer elf_nextscn(Pointer elf, Pointer scn);

    static native Pointer gelf_getshdr(Pointer scn, Pointer dst);

    static native Pointer elf_getdata(Pointer scn, Pointer data);

    static native Pointer gelf_getsym(Pointer data, int index, Pointer dst);

    static native Pointer elf_strptr(Pointer elf, long section, long offset);

    static native int elf_getshdrstrndx(Pointer elf, long[] index);

    /** The text of libelf's last error. */
    static String lastError() { return elf_errmsg(-1); }
}
