package io.jbpftrace.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped tool parses, passes semantic analysis and generates code, through the same compiler
 * the launcher uses (ToolsMetadataTest checks the rest of what a tool ships with). Nothing is loaded into the kernel, but probe expansion reads tracepoint formats
 * from tracefs and kernel types from BTF, which this machine only lets root read: the test then fails
 * with that reason instead of skipping, so a run without privileges cannot look green.
 */
class ToolsCompileTest {
    private static final Pattern KPROBE = Pattern.compile("(?m)^\\s*kr?probe:");
    private static final Pattern KADDR = Pattern.compile("kaddr\\(\"(\\w+)\"\\)");
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

    private static void compile(Path tool) throws IOException {
        requireReadableKernelMetadata();
        String source = Files.readString(tool);
        assumeCompilableOnThisKernel(source);
        try {
            Compiler.Result result = new Compiler(registry, kernel).compile(tool.getFileName().toString(), source, List.of());
            assertFalse(result.programs().isEmpty(), tool + " generated no programs");
        } catch (CompileError e) {
            fail("\n" + e.format());
        }
    }

    /**
     * Tools made for kernels this one is not: kprobe tools where kprobes are missing, and kaddr() of
     * data symbols a kernel without CONFIG_KALLSYMS_ALL does not list. The kernel lab
     * (it/.../lab/KprobeLabTest) compiles and runs those.
     */
    private static void assumeCompilableOnThisKernel(String source) throws IOException {
        if (KPROBE.matcher(source).find()) {
            assumeTrue(Files.exists(Path.of("/sys/bus/event_source/devices/kprobe")),
                    "a kprobe tool, and this kernel has no kprobes: KprobeLabTest runs it in the kernel lab");
        }
        Matcher kaddr = KADDR.matcher(source);
        if (kaddr.find()) {
            String symbol = kaddr.group(1);
            boolean listed;
            try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
                listed = lines.anyMatch(l -> l.endsWith(" " + symbol));
            }
            assumeTrue(listed, "kaddr(\"" + symbol + "\") and this kernel's kallsyms lacks that symbol "
                    + "(no CONFIG_KALLSYMS_ALL): KprobeLabTest runs it in the kernel lab");
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
