package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        // The target waits for a line on stdin: -c gives it none, so it exits at once; feed it through sh.
        String out = run("-e", "uprobe:" + prog + ":add { printf(\"%s\\n\", func); } uretprobe:" + prog + ":add* { printf(\"r %s\\n\", func); }",
                "-c", "sh -c 'echo | " + prog + " 2'");
        List<String> lines = out.lines().filter(l -> l.equals("add") || l.startsWith("r ")).toList();
        assertEquals(List.of("add", "r add", "add", "r add"), lines, out);
    }

    @Test void stackArgumentsAreTheSeventhAndEighthArguments() throws Exception {
        Path prog = TargetProgram.pie();
        // bpftrace 0.17 prints "1 2 72 82" for the same probe and binary
        String out = run("-e", "uprobe:" + prog + ":eight { printf(\"%d %d %d %d\\n\", arg0, arg1, sarg0, sarg1); }",
                "-c", "sh -c 'echo | " + prog + " 2 eight'");
        assertEquals(List.of("1 2 72 82"), out.lines().filter(l -> l.matches("\\d+ \\d+ \\d+ \\d+")).toList(), out);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jbpftrace did not exit: " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
