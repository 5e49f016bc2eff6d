package io.jbpftrace.passes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** cgroupid(path): a cgroup v2 id is the inode number of its directory. */
public final class Cgroups {
    private Cgroups() {}

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The id of the cgroup at {@code path} (absolute, or relative to /sys/fs/cgroup), or -1. */
    public static long id(String path) {
        Path p = path.startsWith(ROOT.toString()) ? Path.of(path) : ROOT.resolve(path.replaceFirst("^/", ""));
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
