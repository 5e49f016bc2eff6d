package io.jbpftrace.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinaryLocatorTest {
    private final BinaryLocator locator = new BinaryLocator(List.of(Path.of("/nonexistent"), Path.of("/usr/bin")),
            LdSoCache::system);

    @Test void absolutePathsMustBeElfFiles() {
        assertEquals(Optional.of(Path.of("/usr/bin/env")), locator.locate("/usr/bin/env"));
        assertEquals(Optional.empty(), locator.locate("/nope"));
        assertEquals(Optional.empty(), locator.locate("/etc/passwd"), "not ELF");
        assertEquals(Optional.empty(), locator.locate("/usr/bin"), "a directory");
        assertEquals(Optional.empty(), locator.locate(""));
    }

    @Test void relativePathsResolveAgainstTheWorkingDirectory() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Optional.of(Path.of("/usr/bin/env")), locator.locate(here.relativize(Path.of("/usr/bin/env")).toString()));
    }

    @Test void namesAreSearchedOnPathThenInTheLinkerCache() {
        assertEquals(Optional.of(Path.of("/usr/bin/env")), locator.locate("env"));
        Path libc = locator.locate("libc").orElseThrow();
        assertTrue(libc.toString().endsWith("/libc.so.6"), libc.toString());
        assertEquals(Optional.empty(), locator.locate("no-such-program-or-library"));
    }

    /** Debian installs some libraries without the execute bit; uprobes do not need it. */
    @Test void librariesNeedNoExecuteBit() throws Exception {
        Path pthread = locator.locate("libpthread").orElseThrow();
        assertTrue(pthread.toString().endsWith("/libpthread.so.0"), pthread.toString());
        assertEquals(Optional.of(pthread), locator.locate(pthread.toString()));
    }
}
