package io.jbpftrace.runtime;

import io.jbpftrace.spi.Glob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * cgroup_path(id [, filter]): where a cgroup id lives in every mounted cgroup hierarchy, as bpftrace
 * prints it: {@code unified:/a/b,cpu:/a/b,...}, the cgroup2 hierarchy (named "unified") first, then
 * the v1 hierarchies by name; a filter glob picks hierarchies by name. An id is the inode number of
 * the cgroup's directory, so each hierarchy is indexed once per run by walking its directories.
 */
final class CgroupPaths {
    private static final CgroupPaths SHARED = new CgroupPaths(Path.of("/proc/self/mountinfo"));

    /** One mounted hierarchy: its name and mount point. */
    record Hierarchy(String name, Path mountPoint) {}

    private final Path mountinfo;
    private List<Hierarchy> hierarchies;
    private final Map<Hierarchy, Map<Long, String>> byId = new HashMap<>();

    CgroupPaths(Path mountinfo) { this.mountinfo = mountinfo; }

    static CgroupPaths get() { return SHARED; }

    synchronized String describe(long id, String filter) {
        Glob glob = Glob.of(filter);
        List<String> found = new ArrayList<>();
        for (Hierarchy h : hierarchies()) {
            if (!glob.matches(h.name())) continue;
            String path = index(h).get(id);
            if (path != null) found.add(h.name() + ":" + path);
        }
        return String.join(",", found);
    }

    private List<Hierarchy> hierarchies() {
        if (hierarchies == null) {
            try (Stream<String> lines = Files.lines(mountinfo)) {
                hierarchies = lines.map(CgroupPaths::parse).flatMap(Optional::stream)
                        .sorted(Comparator.comparing((Hierarchy h) -> !h.name().equals("unified")).thenComparing(Hierarchy::name))
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                hierarchies = List.of();
            }
        }
        return hierarchies;
    }

    /**
     * A mountinfo line: {@code id parent dev root mountpoint options [optional...] - fstype source superoptions}.
     * A v1 hierarchy is named by its controllers, or by {@code name=} for a named one.
     */
    static Optional<Hierarchy> parse(String line) {
        String[] halves = line.split(" - ", 2);
        if (halves.length != 2) return Optional.empty();
        String[] mount = halves[0].split(" ");
        String[] fs = halves[1].split(" ");
        if (mount.length < 5 || fs.length < 3) return Optional.empty();
        Path point = Path.of(mount[4].replace("\\040", " "));
        if (fs[0].equals("cgroup2")) return Optional.of(new Hierarchy("unified", point));
        if (!fs[0].equals("cgroup")) return Optional.empty();
        List<String> names = new ArrayList<>();
        for (String option : fs[2].split(",")) {
            if (option.startsWith("name=")) names.add(option.substring(5));
            else if (!option.equals("rw") && !option.equals("ro") && !option.contains("=") && !option.startsWith("no")
                    && !option.equals("clone_children") && !option.equals("xattr") && !option.equals("relatime")) names.add(option);
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new Hierarchy(String.join(",", names), point));
    }

    private Map<Long, String> index(Hierarchy h) {
        return byId.computeIfAbsent(h, k -> {
            Map<Long, String> ids = new HashMap<>();
            try (Stream<Path> dirs = Files.walk(h.mountPoint())) {
                dirs.filter(Files::isDirectory).forEach(d -> {
                    try {
                        long ino = ((Number) Files.getAttribute(d, "unix:ino")).longValue();
                        ids.putIfAbsent(ino, "/" + h.mountPoint().relativize(d));
                    } catch (IOException | UnsupportedOperationException e) {
                        // a cgroup removed while walking: skip it
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // an unreadable hierarchy has no paths to offer
            }
            return ids;
        });
    }
}
