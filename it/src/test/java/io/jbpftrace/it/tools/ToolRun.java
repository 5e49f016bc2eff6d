package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a shipped tool from the distribution's tools/ folder: start it, wait until its probes
 * are attached, let the test run a workload, then stop it with Ctrl-C and collect what it printed.
 */
final class ToolRun implements AutoCloseable {
    /** Start-up plus compile plus attach of a cold JVM on a loaded two-CPU machine. */
    static final Duration ATTACH = Duration.ofSeconds(20);
    /** From the end of the workload to the tool's exit (END, map printing). */
    static final Duration STOP = Duration.ofSeconds(10);

    private final Jbpftrace.Background process;
    private final String tool;

    private ToolRun(String tool, Jbpftrace.Background process) {
        this.tool = tool;
        this.process = process;
    }

    /** Starts tools/NAME.bt with positional parameters. */
    static ToolRun start(String name, String... params) {
        Path script = Jbpftrace.home().resolve("tools").resolve(name + ".bt");
        if (!Files.isRegularFile(script)) fail("the distribution does not ship " + script);
        List<String> args = new ArrayList<>();
        args.add(script.toString());
        args.addAll(List.of(params));
        return new ToolRun(name, Jbpftrace.start(args.toArray(String[]::new)));
    }

    /**
     * Waits until the tool holds {@code perfEvents} perf event fds: one per attached tracepoint,
     * uprobe or interval, one per CPU for profile. BEGIN runs before the probes are attached, so
     * its header alone does not mean events are being seen yet.
     */
    ToolRun awaitAttached(int perfEvents) {
        long deadline = System.nanoTime() + ATTACH.toNanos();
        while (!process.process().isAlive() || KernelObjects.perfEventFds(process.pid()) < perfEvents) {
            // Checked first, so a tool that died is reported with its output rather than as a missing /proc entry.
            if (!process.process().isAlive() || System.nanoTime() > deadline) {
                fail(tool + " did not attach " + perfEvents + " perf events within " + ATTACH
                        + (process.process().isAlive() ? "" : " (it exited)")
                        + "\n--- stdout\n" + process.stdoutSoFar() + "--- stderr\n" + process.stderrSoFar());
            }
            sleep(50);
        }
        return this;
    }

    /** Waits for text the tool prints while running (a per-event line). */
    void awaitStdout(String text) { process.awaitStdout(text, STOP); }

    String stdoutSoFar() { return process.stdoutSoFar(); }

    /** Ctrl-C, then the complete output; the tool must exit 0 and print nothing on stderr. */
    Jbpftrace.Result interrupt() {
        process.sigint();
        return finish();
    }

    /** For tools that end by themselves (exit() in the script). */
    Jbpftrace.Result finish() {
        Jbpftrace.Result r = process.await(STOP);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stderr(), r::toString);
        return r;
    }

    /** Online CPUs: what a profile probe attaches one perf event for each of. */
    static int onlineCpus() {
        try {
            // "0-1,3": ranges and single CPUs.
            int n = 0;
            for (String part : Files.readString(Path.of("/sys/devices/system/cpu/online")).trim().split(",")) {
                String[] range = part.split("-");
                n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() { process.close(); }
}
