package io.jbpftrace.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile scripts through the real CLI: {@code hostile/<category>/<name>.bt} (bytes as
 * they are, so invalid UTF-8 and NUL bytes reach the compiler) must fail with exactly the diagnostic
 * in {@code <name>.err} (the file named as given on the command line, relative to hostile/), exit
 * code 1, no Java exception, within {@link #TIMEOUT}. Inputs too big to store (10k probes, 1 MB,
 * 10k-deep nesting) are generated here.
 */
@ExtendWith(RequiresRoot.class)
class HostileInputTest {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopRunners() { RUNNERS.shutdownNow(); }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(HostileInputTest.class.getClassLoader().getResource("hostile").toURI());
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(root)) {
            scripts = files.filter(p -> p.toString().endsWith(".bt")).sorted().toList();
        }
        assertTrue(scripts.size() >= 200, "corpus has only " + scripts.size() + " scripts");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts) {
            String name = root.relativize(script).toString();
            Future<Jbpftrace.Result> run = RUNNERS.submit(() -> Jbpftrace.run(TIMEOUT, script.toString()));
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                Jbpftrace.Result r = await(run);
                String stderr = r.stderr().replace(root + "/", "");
                assertOneError(r, stderr);
                Path expected = script.resolveSibling(script.getFileName().toString().replaceFirst("\\.bt$", ".err"));
                assertEquals(Files.readString(expected, StandardCharsets.UTF_8), stderr, () -> name + "\n" + r);
            }));
        }
        return tests.stream();
    }

    /** Exit code 1, one positioned ERROR with its source line and caret, nothing of Java's. */
    static void assertOneError(Jbpftrace.Result r, String stderr) {
        assertEquals(1, r.exitCode(), r::toString);
        String[] lines = stderr.split("\n");
        assertTrue(lines.length >= 3 && lines[0].matches("[^ ]+:\\d+:\\d+: ERROR: .+") && lines[2].matches(" *\\^~*"), r::toString);
        assertEquals(1, stderr.split("ERROR", -1).length - 1, r::toString);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat ") || stderr.contains("at io."), r::toString);
    }

    private static Jbpftrace.Result await(Future<Jbpftrace.Result> run) throws Throwable {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    // ---- generated inputs

    @Test
    void tenThousandProbesHitTheProbeLimit(@TempDir Path dir) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) s.append("interval:s:").append(i).append(" { @x[").append(i).append("] = 1; }\n");
        Jbpftrace.Result r = runFile(dir, "probes.bt", s.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(r.stderr().startsWith("probes.bt:513:1: ERROR: Can't attach to 10000 probes because it exceeds the current limit"
                + " of 512 probes"), r::toString);
    }

    @Test
    void aOneMegabyteScriptIsParsedAndItsErrorFound(@TempDir Path dir) throws IOException {
        StringBuilder s = new StringBuilder("BEGIN {\n");
        int lines = 0;
        while (s.length() < (1 << 20)) {
            s.append("  @m").append(lines % 50).append(" = ").append(lines).append(";\n");
            lines++;
        }
        s.append("  @last = nosuch;\n}\n");
        Jbpftrace.Result r = runFile(dir, "big.bt", s.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("big.bt:" + (lines + 2) + ":11: ERROR: Unknown identifier: 'nosuch'\n  @last = nosuch;\n          ^~~~~~\n",
                r.stderr(), r::toString);
    }

    @Test
    void aProbeOfOverAMillionInstructionsIsRefusedBeforeTheKernelSeesIt(@TempDir Path dir) throws IOException {
        // 110k assignments of about 10 instructions each: 1.4 MB of script
        StringBuilder s = new StringBuilder("BEGIN {\n");
        for (int i = 0; i < 110_000; i++) s.append("  @m = ").append(i).append(";\n");
        s.append("}\n");
        Jbpftrace.Result r = runFile(dir, "huge.bt", s.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(r.stderr().startsWith("huge.bt:1:1: ERROR: BEGIN: the probe compiles to "), r::toString);
        assertTrue(r.stderr().contains("more than the kernel's limit of 1000000: split it across probes"), r::toString);
    }

    @Test
    void tenThousandNestedParenthesesIfsBlocksAndOperatorsAreTooDeep(@TempDir Path dir) throws IOException {
        int n = 10_000;
        String[] scripts = {
            "BEGIN { @x = " + "(".repeat(n) + "1" + ")".repeat(n) + "; }",
            "BEGIN { " + "if (1) { ".repeat(n) + "@x = 1;" + " }".repeat(n) + " }",
            "BEGIN { @x = 1" + " + 1".repeat(n) + "; }",
            "BEGIN { @x = " + "!".repeat(n) + "1; }",
            "BEGIN { @x = " + "1 ? ".repeat(n) + "1" + " : 2".repeat(n) + "; }",
            "BEGIN { @x = " + "(1,".repeat(n) + "1" + ")".repeat(n) + "; }",
            "BEGIN { if (0) { } " + "else if (0) { } ".repeat(n) + "}",
        };
        for (String script : scripts) {
            Jbpftrace.Result r = runFile(dir, "deep.bt", script.getBytes(StandardCharsets.UTF_8));
            assertTrue(r.stderr().matches("(?s)deep\\.bt:1:\\d+: ERROR: too deeply nested: more than 1000 levels of parentheses,"
                    + " blocks, else-ifs or operators\n.*"), () -> script.substring(0, 40) + "\n" + r);
        }
    }

    @Test
    void invalidUtf8InDashEIsReportedWhereItIs() throws IOException, InterruptedException {
        // ProcessBuilder cannot pass raw bytes: a shell does, as a user's terminal would
        Path launcher = Jbpftrace.launcher();
        Process p = new ProcessBuilder("sh", "-c", "exec \"$0\" -e \"$(printf 'BEGIN { @x = \"\\377\"; }')\"", launcher.toString())
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), stderr);
        assertEquals("stdin:1:15: ERROR: invalid UTF-8 byte 0xff: scripts must be UTF-8 text\nBEGIN { @x = \"?\"; }\n              ^\n", stderr);
    }

    /** 1 MB inputs take seconds to parse and generate (8 s on a quiet machine for 1.1M instructions): more time. */
    private static final Duration LARGE_TIMEOUT = Duration.ofSeconds(90);

    private static Jbpftrace.Result runFile(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        long start = System.nanoTime();
        Jbpftrace.Result r = Jbpftrace.run(content.length > 500_000 ? LARGE_TIMEOUT : TIMEOUT, file.toString());
        System.out.printf("%s (%d bytes): %d ms%n", name, content.length, (System.nanoTime() - start) / 1_000_000);
        Jbpftrace.Result relative = new Jbpftrace.Result(r.exitCode(), r.stdout(), r.stderr().replace(dir + "/", ""));
        assertOneError(relative, relative.stderr());
        return relative;
    }
}
