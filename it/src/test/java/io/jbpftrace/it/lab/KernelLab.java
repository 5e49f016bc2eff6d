package io.jbpftrace.it.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The qemu kernel lab from Java: runs a shell command on Debian's kernel (which has kprobes) in a
 * guest that sees the host's root read-only. Backed by it/lab/prepare.sh and it/lab/run.sh.
 */
public final class KernelLab {
    /** Set to the it/lab folder when tests run from elsewhere than the it module or the project root. */
    public static final String LAB_DIR_PROPERTY = "jbpftrace.it.lab";
    private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(10);
    /** Beyond the guest timeout, for qemu to be killed and run.sh to report it. */
    private static final Duration SCRIPT_GRACE = Duration.ofSeconds(30);

    private static Boolean available;
    private static String unavailableReason = "";

    private KernelLab() {}

    /** Prepares the lab once per JVM; false, with {@link #unavailableReason()}, when that is impossible here. */
    public static synchronized boolean available() {
        if (available == null) available = prepare();
        return available;
    }

    /** Why {@link #available()} is false: the preparation's own message. */
    public static synchronized String unavailableReason() { return unavailableReason; }

    /** Boots the lab kernel, runs {@code shellCommand} with /bin/sh in the guest, and returns what it gave. */
    public static LabResult run(String shellCommand, Duration timeout) {
        if (!available()) throw new IllegalStateException("kernel lab unavailable: " + unavailableReason());
        ProcessBuilder pb = new ProcessBuilder(script("run.sh").toString(), shellCommand).redirectErrorStream(true);
        pb.environment().put("LAB_TIMEOUT", Long.toString(Math.max(1, timeout.toSeconds())));
        long start = System.nanoTime();
        StringBuilder console = new StringBuilder();
        long begun = -1;
        Process process = start(pb);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // qemu is bounded by run.sh's timeout, so reading until EOF ends.
            for (String line; (line = out.readLine()) != null; ) {
                if (begun < 0 && line.replace("\r", "").endsWith(LabConsole.BEGIN)) begun = System.nanoTime();
                console.append(line).append('\n');
            }
            if (!process.waitFor(SCRIPT_GRACE.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException e) {
            throw new IllegalStateException("reading the lab console", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the lab ran", e);
        }
        long end = System.nanoTime();
        LabConsole parsed = new LabConsole(console.toString());
        int exit = parsed.exitCode().orElse(process.isAlive() ? 124 : process.exitValue());
        return new LabResult(parsed.stdout(), parsed.stderr(), exit, console.toString(),
                Duration.ofNanos(begun < 0 ? 0 : begun - start), Duration.ofNanos(end - start));
    }

    private static boolean prepare() {
        Path prepare;
        try {
            prepare = script("prepare.sh");
        } catch (IllegalStateException e) {
            unavailableReason = e.getMessage();
            return false;
        }
        // timeout(1) bounds the reading below too, not only the wait.
        Process process = start(new ProcessBuilder("timeout", Long.toString(PREPARE_TIMEOUT.toSeconds()),
                prepare.toString()).redirectErrorStream(true));
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            if (exit == 124) {
                unavailableReason = "prepare.sh did not finish within " + PREPARE_TIMEOUT;
                return false;
            }
            if (exit != 0) {
                unavailableReason = output.isEmpty() ? "prepare.sh failed with exit " + exit : output;
                return false;
            }
            return true;
        } catch (IOException e) {
            unavailableReason = "running prepare.sh: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            unavailableReason = "interrupted while preparing";
            return false;
        }
    }

    private static Process start(ProcessBuilder pb) {
        try {
            return pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + pb.command().get(0), e);
        }
    }

    /** it/lab/NAME: from the system property, else relative to the it module or the project root. */
    static Path script(String name) {
        String configured = System.getProperty(LAB_DIR_PROPERTY);
        Stream<Path> candidates = configured != null ? Stream.of(Path.of(configured))
                : List.of(Path.of("lab"), Path.of("it", "lab")).stream();
        return candidates.map(dir -> dir.resolve(name).toAbsolutePath())
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot find the lab script " + name
                        + " (set -D" + LAB_DIR_PROPERTY + "=<path to it/lab>)"));
    }
}
