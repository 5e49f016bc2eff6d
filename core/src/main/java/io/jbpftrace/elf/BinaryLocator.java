package io.jbpftrace.elf;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the file a user-space probe names: a path (relative ones against the working directory), a
 * program on PATH ({@code bash}), or a library known to the dynamic linker ({@code libc}).
 */
public final class BinaryLocator {
    private final List<Path> searchPath;
    private final Supplier<LdSoCache> libraries;

    /** PATH from the environment and the system's ld.so.cache. */
    public BinaryLocator() { this(pathFromEnvironment(), LdSoCache::system); }

    public BinaryLocator(List<Path> searchPath, Supplier<LdSoCache> libraries) {
        this.searchPath = List.copyOf(searchPath);
        this.libraries = libraries;
    }

    /**
     * The absolute path of a readable ELF file for {@code target}, if there is one. Libraries
     * need no execute bit (Debian installs libssl.so.3 and libpthread.so.0 with mode 644); a bare
     * name searched on PATH must be a program, as the shell would find it.
     */
    public Optional<Path> locate(String target) {
        if (target.isEmpty()) return Optional.empty();
        if (target.indexOf('/') >= 0) return readable(Path.of(target).toAbsolutePath().normalize());
        for (Path dir : searchPath) {
            Optional<Path> found = readable(dir.resolve(target)).filter(Files::isExecutable);
            if (found.isPresent()) return found;
        }
        return libraries.get().find(target).flatMap(BinaryLocator::readable);
    }

    private static Optional<Path> readable(Path p) {
        return Files.isRegularFile(p) && isElf(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }

    private static boolean isElf(Path p) {
        byte[] magic = new byte[4];
        try (var in = Files.newInputStream(p)) {
            return in.readNBytes(magic, 0, 4) == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<Path> pathFromEnvironment() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path == null) return dirs;
        for (String dir : path.split(File.pathSeparator)) if (!dir.isEmpty()) dirs.add(Path.of(dir));
        return dirs;
    }
}
