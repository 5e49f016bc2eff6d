package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short workload commands run to completion, and long-lived ones held open for the test. */
final class Commands {
    private Commands() {}

    /** Runs a command to completion (≤ 10 s) and returns its exit code; output is discarded. */
    static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 10 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A shell that waits for a line on stdin before exec'ing {@code command}: its pid is known (and
     * can be given to a tool) before the traced program starts, and stays the same across the exec.
     */
    static Held heldUntilGo(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "read go; exec " + command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new Held(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sh", e);
        }
    }

    /** A started process; closing kills it if it is still running. */
    record Held(Process process) implements AutoCloseable {
        long pid() { return process.pid(); }

        /** Lets a {@link #heldUntilGo} command run; its stdin stays open (a command reading it keeps running). */
        void go() {
            try {
                process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                fail("cannot write to the workload: " + e);
            }
        }

        /** Lets a {@link #heldUntilGo} command run with stdin at its end, then waits (≤ 10 s) until it is done. */
        void goAndWait() {
            go();
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) fail("workload " + pid() + " still running after 10 s");
            } catch (IOException e) {
                fail("cannot write to the workload: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /**
         * Waits (≤ 10 s) until the process runs {@code comm} and sleeps, e.g. an exec'd program that
         * finished starting up and now blocks reading its stdin.
         */
        void awaitBlockedAs(String comm) {
            Path proc = Path.of("/proc", Long.toString(pid()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (true) {
                    String stat = Files.readString(proc.resolve("stat"));
                    // "pid (comm) S ...": the state follows the last ')' (comm may itself hold parentheses).
                    String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
                    if (stat.contains("(" + comm + ")") && state.equals("S")) return;
                    if (System.nanoTime() > deadline) fail("workload " + pid() + " is not a sleeping " + comm + ": " + stat);
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                fail("workload " + pid() + " is gone: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) process.destroyForcibly();
        }
    }
}
