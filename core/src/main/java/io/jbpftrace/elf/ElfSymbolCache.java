package io.jbpftrace.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbols of each binary, read once per run and shared by every provider that probes it (a
 * script with uprobes and usdt probes on libc, or uaddr() resolved in each analysis round, reads it
 * once); a file changed since is read again.
 */
public final class ElfSymbolCache {
    private ElfSymbolCache() {}

    private record Cached(FileTime modified, ElfSymbols symbols) {}

    private static final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public static ElfSymbols symbols(Path binary) throws IOException, ElfException {
        FileTime modified = Files.getLastModifiedTime(binary);
        Cached cached = cache.get(binary);
        if (cached == null || !cached.modified().equals(modified)) {
            cached = new Cached(modified, ElfSymbols.read(binary));
            cache.put(binary, cached);
        }
        return cached.symbols();
    }
}
