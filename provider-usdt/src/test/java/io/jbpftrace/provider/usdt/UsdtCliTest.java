package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.testsupport.Commands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's USDT acceptance through the built distribution's CLI, on a real kernel. The reactor
 * builds dist after this module, so these use the distribution {@code mvn install -DskipTests} left
 * (as .ci/setup does before the tests) and skip without one.
 */
class UsdtCliTest {
    private static final Path LAUNCHER = Path.of("../dist/target/jbpftrace/bin/jbpftrace").toAbsolutePath().normalize();

    @BeforeAll static void needsDistributionAndUprobes() {
        assumeTrue(Files.isExecutable(LAUNCHER), "no distribution built at " + LAUNCHER);
        assumeTrue(Files.isDirectory(Path.of("/sys/bus/event_source/devices/uprobe")), "no uprobe PMU");
    }

    @Test void argumentsOfEveryOperandForm() throws Exception {
        for (Path prog : List.of(UsdtProgram.optimized(), UsdtProgram.unoptimized())) {
            String out = run("-e", "usdt:" + prog + ":myprov:myprobe { printf(\"p %d\\n\", arg0); }"
                    + " usdt:" + prog + ":myprov:sizes { printf(\"s %ld %ld %lu %ld %ld\\n\", arg0, arg1, arg2, arg3, arg4); }"
                    + " usdt:" + prog + ":otherprov:point { printf(\"pt %ld %ld\\n\", arg0, arg1); }",
                    "-c", prog + " 3");
            List<String> lines = out.lines().filter(l -> l.matches("(p|s|pt) .*")).toList();
            assertEquals(List.of(
                    "p 0", "s 0 0 4000000000 -5000000000 42", "pt 0 0",
                    "p 1", "s -1 3 4000000000 -5000000001 42", "pt 1 -1",
                    "p 2", "s -2 6 4000000000 -5000000002 42", "pt 2 -2"), lines, prog + ":\n" + out);
        }
    }

    @Test void stringArguments() throws Exception {
        Path prog = UsdtProgram.optimized();
        String out = run("-e", "usdt:" + prog + ":myprov:myprobe { printf(\"%d %s\\n\", arg0, str(arg1)); }", "-c", prog + " 2");
        // the -c child shares stdout, so its own lines may fall between the trace's
        assertTrue(out.lines().filter(l -> l.endsWith(" hello")).toList().equals(java.util.List.of("0 hello", "1 hello")), out);
    }

    /** The target is PIE: uaddr() finds the global through the probe site's run-time address. */
    @Test void uaddrReadsAGlobalOfThePie() throws Exception {
        Path prog = UsdtProgram.optimized();
        String out = run("-e", "usdt:" + prog + ":myprov:myprobe { printf(\"f %d %d\\n\", arg0, *uaddr(\"fired\")); }", "-c", prog + " 3");
        assertEquals(List.of("f 0 100", "f 1 101", "f 2 102"), out.lines().filter(l -> l.startsWith("f ")).toList(), out);
    }

    @Test void theSemaphoreGuardedProbeFiresOnlyWhileAttached() throws Exception {
        Path prog = UsdtProgram.optimized();
        assertEquals("guarded 0", Commands.run(List.of(prog.toString(), "3")).trim(), "no tracer: never enabled");
        String out = run("-e", "usdt:" + prog + ":myprov:guarded { printf(\"g %d\\n\", arg0); }", "-c", prog + " 3");
        assertTrue(out.contains("guarded 3"), out);
        assertEquals(List.of("g 0", "g 1", "g 2"), out.lines().filter(l -> l.startsWith("g ")).toList(), out);
        assertEquals("guarded 0", Commands.run(List.of(prog.toString(), "3")).trim(), "the semaphore is released after the run");
    }

    @Test void listingAFileAndAProcessWithItsLibraries() throws Exception {
        Path prog = UsdtProgram.optimized();
        assertEquals(List.of("usdt:" + prog + ":myprov:myprobe", "usdt:" + prog + ":myprov:sizes",
                "usdt:" + prog + ":otherprov:point", "usdt:" + prog + ":myprov:guarded"), run("-l", "usdt:" + prog).lines().toList());
        assertEquals(List.of("usdt:" + prog + ":myprov:guarded"), run("-l", "usdt:" + prog + ":*:guard*").lines().toList());
        try (UsdtProgram.Running running = new UsdtProgram.Running(prog, 1)) {
            List<String> listed = run("-l", "-p", Integer.toString(running.pid()), "usdt:*").lines().toList();
            assertTrue(listed.contains("usdt:" + UsdtProgram.library() + ":mylib:libprobe"), listed.toString());
        }
    }

    @Test void attachingToAProcessFindsProbesInItsLibraries() throws Exception {
        Path prog = UsdtProgram.optimized();
        try (UsdtProgram.Running running = new UsdtProgram.Running(prog, 3)) {
            Process tracer = new ProcessBuilder(LAUNCHER.toString(), "-p", Integer.toString(running.pid()), "-e",
                    "usdt:*:mylib:libprobe { printf(\"lib %d\\n\", arg0); if (arg0 == 2) { exit(); } }")
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(tracer.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String l; (l = out.readLine()) != null && !l.startsWith("Attaching"); ) lines.add(l);
                running.go();
                for (String l; (l = out.readLine()) != null; ) lines.add(l);
                assertTrue(tracer.waitFor(30, TimeUnit.SECONDS));
                assertEquals(List.of("lib 0", "lib 1", "lib 2"), lines.stream().filter(l -> l.startsWith("lib ")).toList(), lines.toString());
            } finally {
                tracer.destroyForcibly();
            }
        }
    }

    private static String run(String... args) throws IOException, InterruptedException {
        return Commands.jbpftrace(LAUNCHER, args);
    }
}
