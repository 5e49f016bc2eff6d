package io.jbpftrace.elf;

/** A file that cannot be read as ELF; the message names the file and the reason. */
public class ElfException extends Exception {
    public ElfException(String message) { super(message); }
}
