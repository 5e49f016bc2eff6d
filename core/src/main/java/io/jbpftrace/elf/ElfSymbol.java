package io.jbpftrace.elf;

/**
 * A function symbol of an ELF file.
 *
 * @param name    the symbol name as stored (not demangled)
 * @param address the symbol value: a virtual address in the file's own address space
 * @param size    bytes of code, 0 when the symbol table does not say
 */
public record ElfSymbol(String name, long address, long size) {

    /** Whether {@code addr} lies in this function (at its start when the size is unknown). */
    public boolean contains(long addr) {
        return size == 0 ? addr == address : Long.compareUnsigned(addr - address, size) < 0;
    }
}
