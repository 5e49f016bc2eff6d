package io.jbpftrace.symbols;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's acceptance for user stacks, through the built distribution's CLI (the reactor builds it
 * after core, so this uses the one {@code mvn install -DskipTests} left, and skips without one).
 */
class UstackProfileCliTest {
    private static final Path LAUNCHER = Path.of("../dist/target/jbpftrace/bin/jbpftrace").toAbsolutePath().normalize();

    @Test void profiledUserStacksNameTheWorkloadsFunctions() throws Exception {
        assumeTrue(Files.isExecutable(LAUNCHER), "no distribution built at " + LAUNCHER);
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/tracing/events")) || Files.isDirectory(Path.of("/sys/kernel/debug/tracing")),
                "no tracefs");
        try (BusyProgram busy = new BusyProgram(60)) {
            String out = run(LAUNCHER.toString(), "-e",
                    "profile:hz:99 /pid == " + busy.pid() + "/ { @[ustack] = count(); } interval:s:2 { exit(); }");
            assertTrue(out.contains("\n    spin_leaf+"), out);
            assertTrue(out.contains("\n    spin_middle+"), out);
            assertTrue(out.contains("\n    main+"), out);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jbpftrace did not exit");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
