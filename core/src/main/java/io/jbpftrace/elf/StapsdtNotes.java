package io.jbpftrace.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The USDT probes of one ELF file, from its {@code .note.stapsdt} section, with what attaching needs:
 * the file offset of each probe site and of its semaphore. Immutable once read, so safe to cache.
 */
public final class StapsdtNotes {
    private static final int NT_STAPSDT = 3;
    private static final String OWNER = "stapsdt";

    private final Path file;
    private final List<StapsdtNote> notes;
    private final long actualBase;
    private final List<LoadSegment> segments;

    StapsdtNotes(Path file, List<StapsdtNote> notes, long actualBase, List<LoadSegment> segments) {
        this.file = file;
        this.notes = List.copyOf(notes);
        this.actualBase = actualBase;
        this.segments = List.copyOf(segments);
    }

    /** Reads the notes of {@code file}; a file without USDT probes has none (not an error). */
    public static StapsdtNotes read(Path file) throws ElfException {
        try (ElfReader reader = ElfReader.open(file)) {
            long base = reader.sections().stream().filter(s -> s.name().equals(".stapsdt.base"))
                    .mapToLong(ElfReader.Section::address).findFirst().orElse(0);
            byte[] data = reader.sectionData(".note.stapsdt").orElse(new byte[0]);
            return new StapsdtNotes(file, parse(data, file), base, reader.loadSegments());
        }
    }

    /** Parses note records: namesz, descsz, type, then name and desc each padded to 4 bytes. */
    static List<StapsdtNote> parse(byte[] data, Path file) throws ElfException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        List<StapsdtNote> out = new ArrayList<>();
        int at = 0;
        while (at + 12 <= data.length) {
            int nameSize = b.getInt(at), descSize = b.getInt(at + 4), type = b.getInt(at + 8);
            int name = at + 12, desc = name + align4(nameSize), next = desc + align4(descSize);
            if (nameSize < 0 || descSize < 0 || next > data.length || next <= at) {
                throw new ElfException(file + ": malformed .note.stapsdt at offset " + at);
            }
            if (type == NT_STAPSDT && cString(data, name, name + nameSize).equals(OWNER) && descSize >= 24) {
                int end = desc + descSize;
                int p = desc + 24;
                String provider = cString(data, p, end);
                p += provider.length() + 1;
                String probe = cString(data, p, end);
                p += probe.length() + 1;
                String args = p < end ? cString(data, p, end) : "";
                out.add(new StapsdtNote(provider, probe, b.getLong(desc), b.getLong(desc + 8), b.getLong(desc + 16), args));
            }
            at = next;
        }
        return out;
    }

    public Path file() { return file; }

    public List<StapsdtNote> notes() { return notes; }

    /**
     * The probe's address after the SystemTap prelink adjustment: when {@code .stapsdt.base} now lives
     * elsewhere than the note recorded, every address of the note moved by the same amount.
     */
    public long address(StapsdtNote note) { return note.pc() + delta(note); }

    /** The semaphore's adjusted address, 0 when the probe has none. */
    public long semaphoreAddress(StapsdtNote note) { return note.hasSemaphore() ? note.semaphore() + delta(note) : 0; }

    /** The file offset of the probe site, what a uprobe is placed at. */
    public OptionalLong fileOffset(StapsdtNote note) { return toFileOffset(address(note)); }

    /** The file offset of the semaphore (the uprobe PMU's ref_ctr_offset); empty without one. */
    public OptionalLong semaphoreFileOffset(StapsdtNote note) {
        return note.hasSemaphore() ? toFileOffset(semaphoreAddress(note)) : OptionalLong.empty();
    }

    private long delta(StapsdtNote note) { return actualBase != 0 && note.base() != 0 ? actualBase - note.base() : 0; }

    private OptionalLong toFileOffset(long address) {
        for (LoadSegment s : segments) {
            // Only bytes backed by the file have a file offset (a semaphore in .bss would not).
            if (Long.compareUnsigned(address - s.vaddr(), s.fileSize()) < 0) return OptionalLong.of(s.fileOffsetOf(address));
        }
        return OptionalLong.empty();
    }

    private static int align4(int n) { return (n + 3) & ~3; }

    private static String cString(byte[] data, int from, int limit) {
        int end = from;
        while (end < limit && data[end] != 0) end++;
        return new String(data, from, end - from, StandardCharsets.UTF_8);
    }
}
