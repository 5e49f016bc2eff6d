package io.jbpftrace.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupPathsTest {

    @Test void hierarchiesAreNamedLikeBpftraceNamesThem() {
        assertEquals(Optional.of(new CgroupPaths.Hierarchy("unified", Path.of("/sys/fs/cgroup"))),
                CgroupPaths.parse("35 24 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot"));
        assertEquals(Optional.of(new CgroupPaths.Hierarchy("cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct"))),
                CgroupPaths.parse("31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct"));
        assertEquals(Optional.of(new CgroupPaths.Hierarchy("systemd", Path.of("/sys/fs/cgroup/systemd"))),
                CgroupPaths.parse("39 30 0:36 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd"));
        assertEquals(Optional.empty(), CgroupPaths.parse("22 1 0:21 / /proc rw - proc proc rw"));
    }

    /** Directory inode numbers stand in for cgroup ids; unified comes first, then the others by name. */
    @Test void findsAnIdInEveryMatchingHierarchy(@TempDir Path dir) throws Exception {
        Path v2 = Files.createDirectories(dir.resolve("v2/app/web"));
        Path cpu = Files.createDirectories(dir.resolve("cpu"));
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"),
                "31 30 0:28 / " + cpu + " rw - cgroup cgroup rw,cpu\n"
                + "35 24 0:30 / " + dir.resolve("v2") + " rw - cgroup2 cgroup2 rw\n");
        CgroupPaths paths = new CgroupPaths(mountinfo);
        long web = (Long) Files.getAttribute(v2, "unix:ino");
        assertEquals("unified:/app/web", paths.describe(web, "*"));
        assertEquals("", paths.describe(web, "cpu"));
        assertEquals("", paths.describe(-1, "*"));
        assertEquals("cpu:/", paths.describe((Long) Files.getAttribute(cpu, "unix:ino"), "*"));
    }
}
