package io.jbpftrace.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may trace, what a script may do without --unsafe, and what -c and uprobe paths cannot be
 * made to do. About 15 s (a dozen JVM starts).
 */
@ExtendWith(RequiresRoot.class)
class PrivilegesAndSafetyTest {
    private static final List<String> NOBODY = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    private static final List<String> NOBODY_WITH_CAPS = List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
            "--clear-groups", "--inh-caps=+bpf,+perfmon", "--ambient-caps=+bpf,+perfmon");

    @Test
    void withoutCapabilitiesOneErrorAndStatus1() throws Exception {
        Run r = run(NOBODY, "-e", "BEGIN { printf(\"hi\\n\"); exit(); }");
        assertEquals(1, r.status, r.toString());
        assertEquals("", r.stdout, r.toString());
        assertEquals("ERROR: jbpftrace needs to run as root or with the capabilities CAP_BPF and CAP_PERFMON"
                + " (missing: CAP_BPF, CAP_PERFMON)\n", r.stderr, r.toString());
    }

    /** The kernel's rule, not bpftrace 0.17's root-only check: CAP_BPF with CAP_PERFMON loads and runs programs. */
    @Test
    void capabilitiesAloneAreEnough() throws Exception {
        Run r = run(NOBODY_WITH_CAPS, "-e", "BEGIN { @x = 42; printf(\"hi\\n\"); exit(); }");
        assertEquals(0, r.status, r.toString());
        assertEquals("Attaching 1 probe...\nhi\n\n\n@x: 42\n", r.stdout, r.toString());
    }

    /** Tracepoints are looked up in tracefs, which is root's alone: the error says that, not "not found". */
    @Test
    void capabilitiesAloneCannotReadTracefs() throws Exception {
        Run r = run(NOBODY_WITH_CAPS, "-e", "tracepoint:syscalls:sys_enter_getppid { @ = count(); }");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.stderr.startsWith("stdin:1:1: ERROR: cannot read /sys/kernel/tracing: permission denied"
                + " (tracepoints are looked up in tracefs, which only root can read)\n"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"system(\"touch /tmp/jbpftrace-unsafe\")", "signal(\"SIGKILL\")", "signal(9)"})
    void destructiveCallsNeedUnsafe(String call) {
        String script = "tracepoint:syscalls:sys_enter_getppid { " + call + "; }";
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(1, r.exitCode(), r::toString);
        String name = call.substring(0, call.indexOf('('));
        assertEquals("stdin:1:41: ERROR: " + name + "() is an unsafe function being used in safe mode\n" + script + "\n"
                + " ".repeat(40) + "^" + "~".repeat(call.length() - 1) + "\n", r.stderr(), r::toString);
        assertFalse(Files.exists(Path.of("/tmp/jbpftrace-unsafe")));
    }

    /** Split at spaces like bpftrace, never given to a shell: `;`, `|`, `$(...)` reach the program as arguments. */
    @Test
    void commandIsNotAShellLine(@TempDir Path dir) throws Exception {
        Path pwned = dir.resolve("pwned"), marker = dir.resolve("marker");
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { }", "-c",
                "/bin/true ; touch " + pwned + " | touch " + marker + " $(touch " + marker + ")");
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(Files.exists(pwned) || Files.exists(marker), "a shell ran the command");
        Jbpftrace.Result echo = Jbpftrace.run("-e", "BEGIN { }", "-c", "/bin/echo $(id) a|b;c `id`");
        assertEquals("Attaching 1 probe...\n$(id) a|b;c `id`\n", echo.stdout().replace("\n\n\n", "\n"), echo::toString);
    }

    @Test
    void aMissingCommandIsOneErrorBeforeAnythingRuns() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { printf(\"began\\n\"); }", "-c", "no-such-command-here x");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        assertEquals("ERROR: Failed to fork child: path 'no-such-command-here' does not exist or is not executable\n",
                r.stderr(), r::toString);
    }

    /** Relative, symlinked, `..` and quoted paths with shell characters resolve to the same file; bad ones are one error. */
    @Test
    void uprobePaths(@TempDir Path dir) throws Exception {
        Path binary = FaultCleanupTest.ManyFunctions.build(dir, 3, -1);
        Path odd = Files.createDirectories(dir.resolve("a b;$(id)")).resolve("m|x");
        Files.copy(binary, odd);
        Path link = Files.createSymbolicLink(dir.resolve("link"), binary);
        Path text = Files.writeString(dir.resolve("text"), "#!/bin/sh\n");
        text.toFile().setExecutable(true);
        Path relative = Path.of("").toAbsolutePath().relativize(binary);
        for (String p : List.of(relative.toString(), link.toString(), dir.resolve("..").resolve(dir.getFileName()).resolve("many").toString(),
                "\"" + odd + "\"")) {
            Jbpftrace.Result r = Jbpftrace.run("-e", "uprobe:" + p + ":fn0001 { @ = count(); } interval:ms:100 { exit(); }");
            assertEquals(0, r.exitCode(), () -> p + ": " + r);
            assertTrue(r.stdout().startsWith("Attaching 2 probes...\n"), () -> p + ": " + r);
        }
        for (Path bad : List.of(dir.resolve("missing"), dir, text)) {
            Jbpftrace.Result r = Jbpftrace.run("-e", "uprobe:" + bad + ":fn0001 { }");
            assertEquals(1, r.exitCode(), () -> bad + ": " + r);
            assertTrue(r.stderr().startsWith("stdin:1:1: ERROR: uprobe target file '" + bad + "' does not exist or is not executable\n"),
                    () -> bad + ": " + r);
            assertFalse(r.stderr().contains("Exception"), r::toString);
        }
    }

    private record Run(int status, String stdout, String stderr) {}

    private static Run run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Jbpftrace.launcher().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not exit: " + cmd);
        }
        return new Run(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
