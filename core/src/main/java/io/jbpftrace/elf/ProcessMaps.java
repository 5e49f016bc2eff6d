package io.jbpftrace.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The file mappings of a process, from /proc/PID/maps: which ELF file is mapped where. */
public final class ProcessMaps {

    /**
     * One mapped range of a file.
     *
     * @param start      first address of the range
     * @param end        first address past it
     * @param fileOffset the file offset mapped at {@code start}
     * @param executable whether the range is mapped executable
     * @param path       the file, absolute
     */
    public record Mapping(long start, long end, long fileOffset, boolean executable, String path) {
        public boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }

        /** The file offset that {@code address} was loaded from. */
        public long fileOffsetOf(long address) { return address - start + fileOffset; }
    }

    private final List<Mapping> mappings;

    private ProcessMaps(List<Mapping> mappings) { this.mappings = List.copyOf(mappings); }

    /** Reads /proc/PID/maps; fails when the process does not exist (or is not ours to read). */
    public static ProcessMaps of(int pid) throws IOException {
        return parse(Files.readAllLines(Path.of("/proc/" + pid + "/maps")));
    }

    /** Parses maps lines: {@code start-end perms offset dev inode path}; anonymous ranges are dropped. */
    public static ProcessMaps parse(List<String> lines) {
        List<Mapping> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 6 || !f[5].startsWith("/")) continue; // [heap], [vdso], anonymous
            if (f[5].endsWith(" (deleted)")) continue; // the file is gone: nothing to read symbols from
            int dash = f[0].indexOf('-');
            if (dash < 0) continue;
            try {
                out.add(new Mapping(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
                        Long.parseUnsignedLong(f[0].substring(dash + 1), 16), Long.parseUnsignedLong(f[2], 16),
                        f[1].indexOf('x') >= 0, f[5]));
            } catch (NumberFormatException e) {
                // not a maps line; skip it
            }
        }
        return new ProcessMaps(out);
    }

    public List<Mapping> mappings() { return mappings; }

    /** The mapping holding {@code address}, if any. */
    public Optional<Mapping> find(long address) {
        for (Mapping m : mappings) if (m.contains(address)) return Optional.of(m);
        return Optional.empty();
    }

    /** Files with code mapped (the program and its shared libraries), in map order, each once. */
    public List<String> executableFiles() {
        Set<String> files = new LinkedHashSet<>();
        for (Mapping m : mappings) if (m.executable()) files.add(m.path());
        return List.copyOf(files);
    }
}
