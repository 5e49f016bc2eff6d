package io.jbpftrace.elf;

/**
 * One USDT probe site as its {@code .note.stapsdt} note records it (SystemTap's SDT note, type 3).
 * Addresses are link-time virtual addresses as written in the note; {@link StapsdtNotes} adjusts them
 * for a file whose sections moved after the note was written (prelink).
 *
 * @param provider  the provider (namespace) of the probe, e.g. {@code myprov}
 * @param name      the probe name, e.g. {@code myprobe}
 * @param pc        address of the probe's nop instruction
 * @param base      the {@code .stapsdt.base} address the note was written against
 * @param semaphore address of the 16-bit enable counter, 0 when the probe has none
 * @param arguments the argument specs, space separated ({@code -4@%edi 8@%rax}); empty when none
 */
public record StapsdtNote(String provider, String name, long pc, long base, long semaphore, String arguments) {

    public boolean hasSemaphore() { return semaphore != 0; }
}
