package org.example.jbpftrace.rawtracepoint;

import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.ProbeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Names of the kernel's tracepoints, from tracefs's {@code available_events} ({@code category:name}).
 * Raw tracepoints are named without the category. The syscalls and ftrace categories are events
 * built on other hooks, not tracepoints, so they are left out.
 */
final class TracepointNames {
    private static final Set<String> NOT_TRACEPOINTS = Set.of("syscalls", "ftrace");

    List<String> matching(Path tracefs, Glob glob) throws ProbeException {
        Path available = tracefs.resolve("available_events");
        try (Stream<String> lines = Files.lines(available)) {
            return lines.map(String::trim)
                    .filter(l -> l.indexOf(':') > 0)
                    .filter(l -> !NOT_TRACEPOINTS.contains(l.substring(0, l.indexOf(':'))))
                    .map(l -> l.substring(l.indexOf(':') + 1))
                    .filter(glob::matches)
                    .distinct().sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ProbeException("cannot read " + available + ": " + e.getMessage(), e);
        }
    }
}
