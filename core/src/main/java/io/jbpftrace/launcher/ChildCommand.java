package io.jbpftrace.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The -c command, read the way bpftrace 0.17 reads it: split at each space (no shell, so `;`, `|`,
 * `$(...)` and quotes are plain characters of the arguments), the program looked up in PATH unless
 * it names a path. Resolved before anything is loaded, so a typo fails fast.
 */
final class ChildCommand {
    /** A command that cannot be started: printed as one ERROR line, exit 1. */
    static final class Failure extends Exception {
        Failure(String message) { super(message); }
    }

    private final List<String> argv;

    private ChildCommand(List<String> argv) { this.argv = argv; }

    static ChildCommand parse(String command, String pathVariable) throws Failure {
        List<String> argv = split(command);
        if (argv.isEmpty() || argv.get(0).isEmpty()) throw new Failure("Failed to fork child: empty command");
        argv.set(0, resolve(argv.get(0), pathVariable == null ? "" : pathVariable));
        return new ChildCommand(List.copyOf(argv));
    }

    /** Like reading tokens with getline(' '): empty tokens between spaces stay, a trailing space adds none. */
    static List<String> split(String command) {
        List<String> parts = new ArrayList<>(List.of(command.split(" ", -1)));
        if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) parts.remove(parts.size() - 1);
        return parts;
    }

    private static String resolve(String program, String pathVariable) throws Failure {
        if (program.contains("/")) {
            if (executable(Path.of(program))) return program;
        } else {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, program);
                if (executable(candidate)) return candidate.toString();
            }
        }
        throw new Failure("Failed to fork child: path '" + program + "' does not exist or is not executable");
    }

    private static boolean executable(Path p) { return Files.isRegularFile(p) && Files.isExecutable(p); }

    List<String> argv() { return argv; }

    Process start() throws IOException { return new ProcessBuilder(argv).inheritIO().start(); }
}
