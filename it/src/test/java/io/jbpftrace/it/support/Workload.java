package io.jbpftrace.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process for a probe to observe. Either a shell loop that runs until closed, or the C test
 * program (src/test/c/workload.c, built by the it pom) which waits for {@link #go()} so the tracer
 * can attach before anything happens. Closing kills it and its children.
 */
public final class Workload implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final StreamCollector stdout;

    private Workload(Process process) {
        this.process = process;
        this.stdout = new StreamCollector(process.getInputStream(), "workload-" + process.pid());
    }

    /** Reads /etc/hostname every 50 ms: steady openat/read syscalls from a known process tree. */
    public static Workload catLoop() {
        return shell("while :; do cat /etc/hostname > /dev/null; sleep 0.05; done");
    }

    public static Workload shell(String script) { return start(List.of("sh", "-c", script)); }

    /** Starts the C test program with its arguments (see workload.c) and waits until it is ready. */
    public static Workload testProgram(String... args) {
        List<String> command = new ArrayList<>();
        command.add(testProgramPath().toString());
        command.addAll(List.of(args));
        Workload w = start(command);
        try {
            if (!w.stdout.await(s -> s.contains("ready "), READY_TIMEOUT)) {
                w.close();
                fail("workload " + command + " did not get ready: " + w.stdout.text());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            w.close();
            fail("interrupted");
        }
        return w;
    }

    /** The compiled C test program: {@code -Djbpftrace.it.workload}, set by the it pom. */
    public static Path testProgramPath() {
        Path path = Path.of(System.getProperty("jbpftrace.it.workload", "target/workload")).toAbsolutePath();
        if (!Files.isExecutable(path)) fail("test program not built: " + path + " (the it pom compiles it with gcc)");
        return path;
    }

    private static Workload start(List<String> command) {
        try {
            return new Workload(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    public long pid() { return process.pid(); }

    /** Lets the C test program start its work. */
    public void go() {
        try {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            fail("workload " + pid() + " is gone: " + e);
        }
    }

    /** Waits for the C test program to finish; fails unless it printed "done" and exited 0. */
    public String awaitDone(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) fail("workload " + pid() + " still running after " + timeout);
            String out = stdout.awaitEnd(Duration.ofSeconds(5));
            if (process.exitValue() != 0 || !out.contains("done")) fail("workload failed (exit " + process.exitValue() + "): " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() { Processes.kill(process); }
}
