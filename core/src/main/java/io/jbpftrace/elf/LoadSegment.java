package io.jbpftrace.elf;

/** A PT_LOAD program header: the part of the file mapped at {@code vaddr}. */
public record LoadSegment(long fileOffset, long vaddr, long fileSize, long memSize, boolean executable) {

    public boolean containsAddress(long address) {
        return Long.compareUnsigned(address - vaddr, memSize) < 0;
    }

    /** The file offset an address of this segment is loaded from. */
    public long fileOffsetOf(long address) { return address - vaddr + fileOffset; }

    public boolean containsOffset(long offset) {
        return Long.compareUnsigned(offset - fileOffset, fileSize) < 0;
    }

    public long addressOf(long offset) { return offset - fileOffset + vaddr; }
}
