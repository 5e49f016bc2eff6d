package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * uprobe builtins through the built distribution's CLI (the one {@code mvn install -DskipTests}
 * left; the reactor builds dist after this module), on a real kernel.
 */
class UprobeCliTest {
    private static final Path LAUNCHER = Path.of("../dist/target/jbpftrace/bin/jbpftrace").toAbsolutePath().normalize();

    @BeforeAll static void needsDistributionAndUprobes() {
        assumeTrue(Files.isExecutable(LAUNCHER), "no distribution built at " + LAUNCHER);
        assumeTrue(Files.isDirectory(Path.of("/sys/bus/event_source/devices/uprobe")), "no uprobe PMU");
    }

    @Test void funcNamesTheProbedFunction() throws Exception {
        Path prog = TargetProgram.pie();
        // The target waits for a line on stdin: -c gives it none, so it exits at once; a script feeds it one.
        String out = run("-e", "uprobe:" + prog + ":add { printf(\"%s\\n\", func); } uretprobe:" + prog + ":add* { printf(\"r %s\\n\", func); }",
                "-c", fed(prog + " 2"));
        List<String> lines = out.lines().filter(l -> l.equals("add") || l.startsWith("r ")).toList();
        assertEquals(List.of("add", "r add", "add", "r add"), lines, out);
    }
    /** uaddr() in a fixed-address and a PIE binary (whose load base the probe's ip reveals). */
    @Test void uaddrReadsTheTargetsGlobals() throws Exception {
        for (Path prog : List.of(TargetProgram.fixedAddress(), TargetProgram.pie())) {
            String out = run("-e", "uprobe:" + prog + ":add { printf(\"u %d %d %s\\n\", arg0, *uaddr(\"calls\"), str(uaddr(\"label\"))); }",
                    "-c", fed(prog + " 3"));
            List<String> lines = out.lines().filter(l -> l.startsWith("u ")).toList();
            assertEquals(List.of("u 0 100 uprobe target", "u 1 101 uprobe target", "u 2 102 uprobe target"), lines, prog + ":\n" + out);
        }
        String ret = run("-e", "uretprobe:" + TargetProgram.fixedAddress() + ":add { printf(\"r %d\\n\", *uaddr(\"calls\")); }",
                "-c", fed(TargetProgram.fixedAddress() + " 2"));
        assertEquals(List.of("r 100", "r 101"), ret.lines().filter(l -> l.startsWith("r ")).toList(), ret);
    }

    /** As in bpftrace, a probe on a symbol the binary lacks is skipped while others remain. */
    @Test void aMissingSymbolIsSkippedWithAWarning() throws Exception {
        Path pie = TargetProgram.pie();
        String script = "uprobe:" + pie + ":no_such_function { } BEGIN { printf(\"ran\\n\"); exit(); }";
        String out = run("-e", script);
        String probe = "uprobe:" + pie + ":no_such_function";
        assertEquals("stdin:1:1: WARNING: Could not resolve symbol: " + pie + ":no_such_function, skipping\n" + script + "\n"
                + "^" + "~".repeat(probe.length() - 1) + "\nAttaching 1 probe...\nran\n\n\n", out);
        String alone = run("-e", "uprobe:" + pie + ":no_such_function { }");
        assertEquals("stdin:1:1: ERROR: Could not resolve symbol: " + pie + ":no_such_function", alone.lines().findFirst().orElse(""), alone);
    }

    @Test void uaddrErrors() throws Exception {
        Path pie = TargetProgram.pie();
        assertUaddrError("uprobe:" + pie + ":add { print(uaddr(\"nosuch\")); }", "Could not resolve symbol: " + pie + ":nosuch");
        assertUaddrError("uretprobe:" + pie + ":add { print(uaddr(\"calls\")); }", "uaddr() can not locate 'calls' in " + pie
                + ": it is position-independent and a return probe does not know where it was loaded");
        assertUaddrError("BEGIN { uaddr(\"calls\"); }", "uaddr can not be used with \"BEGIN\" probes");
        assertUaddrError("uprobe:" + pie + ":add { $s = \"calls\"; print(uaddr($s)); }", "uaddr() expects a string literal (string provided)");
    }

    /**
     * The error points at the uaddr call, or where bpftrace's location rule puts a call glued to the
     * token before it: at that token ({@code print(uaddr(...))} is reported at {@code print}).
     */
    private static void assertUaddrError(String script, String message) throws Exception {
        String first = run("-e", script).lines().findFirst().orElse("");
        int call = script.indexOf("uaddr(");
        int at = script.startsWith("print(", call - 6) ? call - 6 : call;
        assertEquals("stdin:1:" + (at + 1) + ": ERROR: " + message, first, script);
    }

    @Test void stackArgumentsAreTheSeventhAndEighthArguments() throws Exception {
        Path prog = TargetProgram.pie();
        // bpftrace 0.17 prints "1 2 72 82" for the same probe and binary
        String out = run("-e", "uprobe:" + prog + ":eight { printf(\"%d %d %d %d\\n\", arg0, arg1, sarg0, sarg1); }",
                "-c", fed(prog + " 2 eight"));
        assertEquals(List.of("1 2 72 82"), out.lines().filter(l -> l.matches("\\d+ \\d+ \\d+ \\d+")).toList(), out);
    }

    /** -c runs no shell (bpftrace splits at spaces): a script file does the `echo | command` part. */
    private static String fed(String command) throws IOException {
        Path script = Files.createTempFile("uprobe-fed", ".sh");
        Files.writeString(script, "#!/bin/sh\necho | " + command + "\n");
        script.toFile().setExecutable(true);
        script.toFile().deleteOnExit();
        return script.toString();
    }

    private static String run(String... args) throws IOException, InterruptedException {
        return Commands.jbpftrace(LAUNCHER, args);
    }
}
