package io.jbpftrace.it.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
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
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every {@code golden/<area>/<name>.bt} through the real CLI ({@code jbpftrace -e "<script>" [args]})
 * and compares, byte for byte, stdout with {@code <name>.out} (exit code 0) or, under {@code errors/},
 * stderr with {@code <name>.err} (exit code 1). {@code <name>.args} holds extra arguments split at
 * whitespace, {@code <name>.env} environment variables ({@code NAME=value} lines). Expected outputs come from bpftrace 0.17 (see golden/README.md); {@code pending/} holds
 * known failures of ours and is not run.
 */
@ExtendWith(RequiresRoot.class)
class GoldenScriptsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // Scripts are independent, so a few run at once; each dynamic test then waits for its own run.
    private static final ExecutorService RUNNERS =
            Executors.newFixedThreadPool(Integer.getInteger("golden.parallelism", 2));

    @AfterAll
    static void stopRunners() { RUNNERS.shutdownNow(); }

    @TestFactory
    Stream<DynamicTest> goldenScripts() throws IOException {
        Path root = goldenRoot();
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenCase golden : GoldenCase.findAll(root)) {
            Future<Jbpftrace.Result> run = RUNNERS.submit(() -> Jbpftrace.runWithEnv(golden.env(), TIMEOUT, golden.commandLine()));
            tests.add(DynamicTest.dynamicTest(golden.name(), golden.script().toUri(), () -> check(golden, await(run))));
        }
        if (tests.isEmpty()) fail("no golden scripts under " + root);
        return tests.stream();
    }

    private static void check(GoldenCase golden, Jbpftrace.Result result) {
        String context = golden.name() + "\n" + golden.source() + "\n" + result;
        if (golden.isError()) {
            assertEquals(golden.expected(), result.stderr(), () -> "stderr of " + context);
            assertEquals(1, result.exitCode(), () -> "exit code of " + context);
        } else {
            assertEquals(golden.expected(), result.stdout(), () -> "stdout of " + context);
            assertEquals(0, result.exitCode(), () -> "exit code of " + context);
        }
    }

    private static Jbpftrace.Result await(Future<Jbpftrace.Result> run) throws Throwable {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw e.getCause(); // e.g. the harness's own timeout failure, reported as is
        }
    }

    private static Path goldenRoot() {
        URL url = GoldenScriptsTest.class.getClassLoader().getResource("golden");
        if (url == null) fail("no golden/ folder on the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    /** One script and what it must produce. */
    record GoldenCase(String name, Path script, Path expectedFile, List<String> extraArgs, java.util.Map<String, String> env) {
        static final String PENDING = "pending";

        static List<GoldenCase> findAll(Path root) throws IOException {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".bt"))
                        .filter(p -> !root.relativize(p).startsWith(PENDING))
                        .sorted()
                        .map(p -> of(root, p))
                        .toList();
            }
        }

        static GoldenCase of(Path root, Path script) {
            String name = root.relativize(script).toString().replaceFirst("\\.bt$", "");
            boolean error = name.startsWith("errors/");
            Path expected = sibling(script, error ? ".err" : ".out");
            Path argsFile = sibling(script, ".args");
            List<String> args = Files.isRegularFile(argsFile) ? List.of(read(argsFile).trim().split("\\s+")) : List.of();
            Path envFile = sibling(script, ".env");
            java.util.Map<String, String> env = new java.util.TreeMap<>();
            if (Files.isRegularFile(envFile)) {
                for (String line : read(envFile).split("\n")) {
                    if (line.contains("=")) env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            return new GoldenCase(name, script, expected, args, env);
        }

        boolean isError() { return name.startsWith("errors/"); }

        String source() { return read(script); }

        String expected() {
            if (!Files.isRegularFile(expectedFile)) fail("missing expected output " + expectedFile);
            return read(expectedFile);
        }

        /** As a user types it: {@code -e "$(cat x.bt)"} (so the name in diagnostics is stdin), then the args. */
        String[] commandLine() {
            List<String> command = new ArrayList<>(List.of("-e", stripFinalNewline(source())));
            command.addAll(extraArgs);
            return command.toArray(String[]::new);
        }

        private static String stripFinalNewline(String text) {
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }

        private static Path sibling(Path script, String extension) {
            return script.resolveSibling(script.getFileName().toString().replaceFirst("\\.bt$", extension));
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
