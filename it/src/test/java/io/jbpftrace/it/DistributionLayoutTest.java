package io.jbpftrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Distributions;
import io.jbpftrace.it.support.Jbpftrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution is laid out as documented and its launcher starts; needs no root. */
class DistributionLayoutTest {
    private static final List<String> PROVIDERS = List.of("kprobe", "perf", "profile", "tracepoint", "uprobe", "usdt");

    @Test
    void launcherIsExecutable() {
        assertTrue(Files.isExecutable(Jbpftrace.launcher()), "bin/jbpftrace must be executable");
    }

    @Test
    void libHoldsCoreAndItsRuntime() throws IOException {
        List<String> jars = jarNames(Jbpftrace.home().resolve("lib"));
        for (String prefix : List.of("jbpftrace-core-", "jbpftrace-lang-", "antlr4-runtime-", "jna-", "org.apache.felix.framework-")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(prefix)), prefix + "*.jar missing from lib/: " + jars);
        }
    }

    @Test
    void bundleHoldsEveryProvider() throws IOException {
        List<String> providers = jarNames(Jbpftrace.home().resolve("bundle")).stream()
                .map(j -> j.replaceFirst("^jbpftrace-provider-", "").replaceFirst("-\\d.*$", ""))
                .sorted().toList();
        assertEquals(PROVIDERS, providers);
    }

    @Test
    void toolsAreExecutableWithTheirManPagesAndExamples() throws IOException {
        assertToolsComplete(Jbpftrace.home());
    }

    @Test
    void tarballKeepsTheToolsExecutable(@TempDir Path dir) throws Exception {
        assertToolsComplete(Distributions.unpack("jbpftrace", dir));
    }

    /** Each tools/NAME.bt runs as ./NAME.bt, and man/man8/NAME.8 and tools/NAME_example.txt come with it. */
    private static void assertToolsComplete(Path home) throws IOException {
        List<Path> tools;
        try (Stream<Path> files = Files.list(home.resolve("tools"))) {
            tools = files.filter(p -> p.getFileName().toString().endsWith(".bt")).sorted().toList();
        }
        assertTrue(tools.size() >= 10, "tools/ holds " + tools);
        for (Path tool : tools) {
            String name = tool.getFileName().toString().replaceFirst("\\.bt$", "");
            assertTrue(Files.isExecutable(tool), tool + " must be executable");
            assertTrue(Files.isRegularFile(home.resolve("man/man8/" + name + ".8")), "no man/man8/" + name + ".8 in " + home);
            assertTrue(Files.isRegularFile(tool.resolveSibling(name + "_example.txt")), "no " + name + "_example.txt in " + home);
        }
    }

    @Test
    void helpExitsZero() {
        Jbpftrace.Result r = Jbpftrace.run("--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(!r.stdout().isBlank() || !r.stderr().isBlank(), "--help printed nothing");
    }

    private static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }
}
