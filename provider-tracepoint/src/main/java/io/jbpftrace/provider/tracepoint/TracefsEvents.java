package io.jbpftrace.provider.tracepoint;

import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Reads tracepoints from tracefs ({@code events/<category>/<name>/{id,format}}), caching what it parsed. */
final class TracefsEvents {
    private final Map<Path, TracepointEvent> events = new ConcurrentHashMap<>();
    private final Map<Path, ParsedFormat> formats = new ConcurrentHashMap<>();

    /** {@code category:name} of every event matching the two globs, sorted. */
    List<String> find(Path tracefs, String categoryGlob, String nameGlob) throws ProbeException {
        Path events = tracefs.resolve("events");
        requireReadable(tracefs);
        if (!Glob.hasWildcard(categoryGlob) && !Glob.hasWildcard(nameGlob)) {
            return isEvent(events, categoryGlob, nameGlob) ? List.of(categoryGlob + ":" + nameGlob) : List.of();
        }
        Glob category = Glob.of(categoryGlob), name = Glob.of(nameGlob);
        TreeSet<String> found = new TreeSet<>();
        for (String c : subdirectories(events)) {
            if (!category.matches(c)) continue;
            for (String n : subdirectories(events.resolve(c))) {
                if (name.matches(n) && isEvent(events, c, n)) found.add(c + ":" + n);
            }
        }
        return new ArrayList<>(found);
    }

    /** The event with its id, read once per tracefs directory. */
    TracepointEvent load(Path tracefs, String category, String name) throws ProbeException {
        Path dir = tracefs.resolve("events").resolve(category).resolve(name);
        try {
            return events.computeIfAbsent(dir, d -> new TracepointEvent(category, name, readId(d), d));
        } catch (UncheckedIOException | NumberFormatException e) {
            throw new ProbeException("cannot read tracepoint " + category + ":" + name + ": " + e.getMessage(), e);
        }
    }

    /** The parsed format of an event and its {@code args} record, parsed once. */
    ParsedFormat format(TracepointEvent event) throws ProbeException {
        try {
            return formats.computeIfAbsent(event.dir(), d -> parse(event));
        } catch (UncheckedIOException e) {
            throw new ProbeException("cannot read the format of " + event.probeName() + ": " + e.getMessage(), e);
        }
    }

    record ParsedFormat(TracepointFormat format, Type.Record args) {}

    private static ParsedFormat parse(TracepointEvent event) {
        try {
            TracepointFormat format = TracepointFormat.parse(Files.readString(event.dir().resolve("format")));
            return new ParsedFormat(format, FieldTypes.record(event.structName(), format, event.hasUserPointers()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readId(Path dir) {
        try {
            return Long.parseLong(Files.readString(dir.resolve("id")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code category:name} lines of tracefs's {@code available_events}, or a directory walk when it is missing. */
    List<String> all(Path tracefs) throws ProbeException {
        Path available = tracefs.resolve("available_events");
        if (!Files.isReadable(available)) return find(tracefs, "*", "*");
        try (Stream<String> lines = Files.lines(available)) {
            return lines.map(String::trim).filter(l -> l.indexOf(':') > 0).distinct().sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ProbeException("cannot read " + available + ": " + e.getMessage(), e);
        }
    }

    /** With CAP_BPF and CAP_PERFMON but not root, tracefs (mode 0700) hides every event: say so, not "not found". */
    private static void requireReadable(Path tracefs) throws ProbeException {
        if (Files.isDirectory(tracefs) && !(Files.isReadable(tracefs) && Files.isExecutable(tracefs))) {
            throw new ProbeException("cannot read " + tracefs + ": permission denied (tracepoints are looked up"
                    + " in tracefs, which only root can read)");
        }
    }

    private static boolean isEvent(Path events, String category, String name) {
        // A part with a slash or a dot-dot would leave the events directory.
        if (category.isEmpty() || name.isEmpty() || category.contains("/") || name.contains("/")
                || category.startsWith(".") || name.startsWith(".")) {
            return false;
        }
        Path dir = events.resolve(category).resolve(name);
        return Files.isRegularFile(dir.resolve("id")) && Files.isRegularFile(dir.resolve("format"));
    }

    private static List<String> subdirectories(Path dir) throws ProbeException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ProbeException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
