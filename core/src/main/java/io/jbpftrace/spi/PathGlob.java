package io.jbpftrace.spi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute path with wildcards in some of its components ({@code /usr/lib/jvm/*}{@code /lib/server/libjvm.so}),
 * expanded against the file system like glob(3): each component matches names in one directory,
 * symbolic links are followed, results come in name order.
 */
public final class PathGlob {
    private PathGlob() {}

    /** The regular files the pattern names; none when nothing matches or a directory cannot be read. */
    public static List<Path> files(String pattern) {
        if (!pattern.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + pattern);
        List<Path> current = List.of(Path.of("/"));
        for (String component : pattern.substring(1).split("/")) {
            if (component.isEmpty()) continue;
            List<Path> next = new ArrayList<>();
            for (Path dir : current) next.addAll(matches(dir, component));
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).toList();
    }

    private static List<Path> matches(Path dir, String component) {
        if (!Glob.hasWildcard(component)) {
            Path p = dir.resolve(component);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Glob glob = Glob.of(component);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                // as in a shell, a wildcard does not match a leading dot
                if (!name.startsWith(".") && glob.matches(name)) out.add(e);
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
