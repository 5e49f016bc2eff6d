package io.jbpftrace.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the built distribution's {@code bin/jbpftrace} the way a user would. */
public final class Jbpftrace {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** What a finished run left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() { return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr; }
    }

    private Jbpftrace() {}

    /** The distribution folder: {@code -Djbpftrace.it.home}, set by the it pom, else relative to the it module. */
    public static Path home() {
        String configured = System.getProperty("jbpftrace.it.home");
        Path home = configured != null ? Path.of(configured) : Path.of("..", "dist", "target", "jbpftrace");
        return home.toAbsolutePath().normalize();
    }

    public static Path launcher() {
        Path launcher = home().resolve("bin/jbpftrace");
        if (!Files.isRegularFile(launcher)) fail("no distribution at " + launcher + "; run `mvn -B install -DskipTests` first");
        return launcher;
    }

    public static Result run(String... args) { return run(null, DEFAULT_TIMEOUT, args); }

    public static Result run(Duration timeout, String... args) { return run(null, timeout, args); }

    /** Runs to completion; stdin (may be null) is written then closed. Fails the test on timeout. */
    public static Result run(String stdin, Duration timeout, String... args) {
        try (Background run = start(args)) {
            if (stdin != null) run.writeStdin(stdin);
            run.closeStdin();
            return run.await(timeout);
        }
    }

    /** Runs to completion with extra environment variables (BPFTRACE_STRLEN, ...). */
    public static Result runWithEnv(java.util.Map<String, String> env, Duration timeout, String... args) {
        try (Background run = startAt(launcher(), env, args)) {
            run.closeStdin();
            return run.await(timeout);
        }
    }

    /** Runs the launcher of another distribution folder (a copy, an unpacked tarball) to completion. */
    public static Result runAt(Path home, Duration timeout, String... args) {
        try (Background run = startAt(home.resolve("bin/jbpftrace"), args)) {
            run.closeStdin();
            return run.await(timeout);
        }
    }

    /** Starts in the background: wait for output, send signals, then {@link Background#await}. */
    public static Background start(String... args) { return startAt(launcher(), args); }

    /** Starts in the background with extra environment variables. */
    public static Background startWithEnv(java.util.Map<String, String> env, String... args) { return startAt(launcher(), env, args); }

    private static Background startAt(Path launcher, String... args) {
        return startAt(launcher, java.util.Map.of(), args);
    }

    private static Background startAt(Path launcher, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        // Started directly (no shell, no `&`), so SIGINT is not ignored and reaches the JVM.
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        try {
            return new Background(pb.start(), String.join(" ", args));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** A running jbpftrace; closing kills it (and its children) if it is still alive. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final String description;
        private final StreamCollector stdout;
        private final StreamCollector stderr;

        Background(Process process, String description) {
            this.process = process;
            this.description = description;
            this.stdout = new StreamCollector(process.getInputStream(), "jbpftrace-stdout-" + process.pid());
            this.stderr = new StreamCollector(process.getErrorStream(), "jbpftrace-stderr-" + process.pid());
        }

        public long pid() { return process.pid(); }

        public Process process() { return process; }

        public String stdoutSoFar() { return stdout.text(); }

        public String stderrSoFar() { return stderr.text(); }

        /** Waits until stdout contains the text (e.g. "Attaching"); fails the test with the output on timeout. */
        public void awaitStdout(String text, Duration timeout) {
            awaitOn(stdout, text, timeout, "stdout");
        }

        public void awaitStderr(String text, Duration timeout) {
            awaitOn(stderr, text, timeout, "stderr");
        }

        private void awaitOn(StreamCollector stream, String text, Duration timeout, String name) {
            try {
                if (!stream.await(s -> s.contains(text), timeout)) {
                    fail("jbpftrace " + description + ": no \"" + text + "\" on " + name + " within " + timeout
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                            + "\n--- stdout\n" + stdout.text() + "--- stderr\n" + stderr.text());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }

        public void writeStdin(String text) {
            try {
                OutputStream in = process.getOutputStream();
                in.write(text.getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                fail("cannot write to jbpftrace's stdin: " + e);
            }
        }

        public void closeStdin() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone: nothing to close
            }
        }

        /** Ctrl-C. */
        public void sigint() { signal("INT"); }

        public void sigterm() { signal("TERM"); }

        public void signal(String name) {
            try {
                int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
                if (rc != 0) fail("kill -" + name + " " + process.pid() + " failed with " + rc);
            } catch (IOException e) {
                fail("cannot run kill: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for exit and returns everything printed; kills it and fails the test on timeout. */
        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    close();
                    fail("jbpftrace " + description + " still running after " + timeout
                            + "\n--- stdout\n" + stdout.text() + "--- stderr\n" + stderr.text());
                }
                Duration drain = Duration.ofSeconds(5);
                return new Result(process.exitValue(), stdout.awaitEnd(drain), stderr.awaitEnd(drain));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public void close() {
            Processes.kill(process);
        }
    }
}
