package io.jbpftrace.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGlobTest {
    @TempDir Path root;

    private Path file(String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void wildcardsMatchWithinOneComponentInNameOrder() throws IOException {
        Path b = file("jvm/b-jdk/lib/server/libjvm.so");
        Path a = file("jvm/a-jdk/lib/server/libjvm.so");
        file("jvm/c-jre/lib/client/libjvm.so");
        file("jvm/.hidden/lib/server/libjvm.so");
        assertEquals(List.of(a, b), PathGlob.files(root + "/jvm/*/lib/server/libjvm.so"));
        assertEquals(List.of(a), PathGlob.files(root + "/jvm/?-jdk/lib/server/lib*.so").subList(0, 1));
    }

    @Test
    void symbolicLinksAreFollowedAndListedUnderTheirOwnName() throws IOException {
        Path real = file("jvm/jdk-17/lib/server/libjvm.so");
        Files.createSymbolicLink(root.resolve("jvm/java-17"), root.resolve("jvm/jdk-17"));
        assertEquals(List.of(root.resolve("jvm/java-17/lib/server/libjvm.so"), real),
                PathGlob.files(root + "/jvm/*/lib/server/libjvm.so"));
    }

    @Test
    void directoriesAndMissingPathsAreNotFiles() throws IOException {
        file("jvm/jdk/lib/server/libjvm.so");
        assertEquals(List.of(), PathGlob.files(root + "/jvm/*/lib/server"));
        assertEquals(List.of(), PathGlob.files(root + "/nothing/*/libjvm.so"));
        assertThrows(IllegalArgumentException.class, () -> PathGlob.files("jvm/*"));
    }
}
