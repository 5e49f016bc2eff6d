package io.jbpftrace.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jbpftrace.kernel.LinuxKernel;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.registry.ServiceLoaderProviderSource;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.ProbeProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped tool parses, passes semantic analysis and generates code, through the same compiler
 * the launcher uses. Nothing is loaded into the kernel, but probe expansion reads tracepoint formats
 * from tracefs and kernel types from BTF, which this machine only lets root read: the test then fails
 * with that reason instead of skipping, so a run without privileges cannot look green.
 */
class ToolsCompileTest {
    private static ProviderRegistry registry;
    private static LinuxKernel kernel;

    @BeforeAll
    static void compilerWithAllProviders() {
        List<ProbeProvider> providers = new ArrayList<>();
        providers.add(new BeginEndProvider()); // first, as the launcher does: BEGIN/END win over any alias
        providers.addAll(new ServiceLoaderProviderSource().providers());
        registry = new ProviderRegistry(providers);
        kernel = new LinuxKernel(OptionalInt.empty());
    }

    @Test
    void thereAreToolsToCheck() throws IOException {
        assertTrue(tools().size() >= 10, "expected the shipped tools in " + toolsDir() + ", found " + tools());
    }

    @TestFactory
    Stream<DynamicTest> everyToolCompiles() throws IOException {
        return tools().stream().map(tool -> DynamicTest.dynamicTest(tool.getFileName().toString(), () -> compile(tool)));
    }

    @TestFactory
    Stream<DynamicTest> everyToolHasAManPageAndAnExample() throws IOException {
        return tools().stream().map(tool -> DynamicTest.dynamicTest(tool.getFileName().toString(), () -> {
            String name = tool.getFileName().toString().replaceFirst("\\.bt$", "");
            // Markdown pages (older tools) or troff pages in man/man8 (newer ones).
            Path markdown = toolsDir().resolve("man").resolve(name + ".md");
            Path man = Files.isRegularFile(markdown) ? markdown : toolsDir().resolve("man/man8").resolve(name + ".8");
            String heading = man == markdown ? "## " : ".SH ";
            Path example = toolsDir().resolve(name + "_example.txt");
            assertTrue(Files.isRegularFile(man), "missing man page " + man);
            String page = Files.readString(man);
            for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "SEE ALSO")) {
                assertTrue(page.contains(heading + section), man + " has no " + section + " section");
            }
            assertTrue(Files.isRegularFile(example), "missing example output " + example);
            assertFalse(Files.readString(example).isBlank(), example + " is empty");
            assertTrue(Files.readString(tool).startsWith("#!/usr/bin/env jbpftrace\n/*"), tool + " lacks the shebang and header comment");
        }));
    }

    private static void compile(Path tool) throws IOException {
        requireReadableKernelMetadata();
        String source = Files.readString(tool);
        try {
            Compiler.Result result = new Compiler(registry, kernel).compile(tool.getFileName().toString(), source, List.of());
            assertFalse(result.programs().isEmpty(), tool + " generated no programs");
        } catch (CompileError e) {
            fail("\n" + e.format());
        }
    }

    /** Tracepoint formats live in tracefs, which is root-only here; say so rather than report a confusing error. */
    private static void requireReadableKernelMetadata() {
        Path format = kernel.tracefs().resolve("events/sched/sched_switch/format");
        if (!Files.isReadable(format)) {
            fail("cannot read " + format + ": compiling the tools reads tracepoint formats from tracefs, "
                    + "which needs root (uid 0) on this machine");
        }
    }

    static Path toolsDir() {
        String configured = System.getProperty("jbpftrace.tools.dir");
        return Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
    }

    static List<Path> tools() throws IOException {
        try (Stream<Path> files = Files.list(toolsDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bt")).sorted().toList();
        }
    }
}
