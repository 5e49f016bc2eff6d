package io.jbpftrace.provider.usdt;

import io.jbpftrace.elf.ElfException;
import io.jbpftrace.elf.StapsdtNotes;
import io.jbpftrace.spi.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The USDT notes of each file, read once (again when the file changed). */
final class NoteCache {
    private record Cached(FileTime modified, StapsdtNotes notes) {}

    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    StapsdtNotes notes(Path file) throws ProbeException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Cached cached = cache.get(file);
            if (cached == null || !cached.modified().equals(modified)) {
                cached = new Cached(modified, StapsdtNotes.read(file));
                cache.put(file, cached);
            }
            return cached.notes();
        } catch (IOException | ElfException e) {
            throw new ProbeException(e.getMessage());
        }
    }
}
