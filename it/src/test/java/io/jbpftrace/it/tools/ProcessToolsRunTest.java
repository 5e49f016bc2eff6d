package io.jbpftrace.it.tools;

import static io.jbpftrace.it.tools.ToolOutput.assertMatches;
import static io.jbpftrace.it.tools.ToolOutput.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The process tools (exitsnoop, setuids, capable) against processes this test starts. */
@ExtendWith(RequiresRoot.class)
class ProcessToolsRunTest {
    private static final long SELF = ProcessHandle.current().pid();
    /** The unprivileged user the workloads switch to. */
    private static final String NOBODY = "65534";

    @TempDir Path dir;

    @Test
    void exitsnoopShowsExitCodesSignalsAndAge() throws Exception {
        try (ToolRun t = ToolRun.start("exitsnoop").awaitAttached(1)) {
            Process failing = new ProcessBuilder("sh", "-c", "exit 3").start();
            assertTrue(failing.waitFor(10, TimeUnit.SECONDS));
            Process sleeper = new ProcessBuilder("sleep", "30").start();
            ToolRun.sleep(500);
            sleeper.destroy(); // SIGTERM
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            t.awaitStdout(" signal 15\n");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("TIME     PID     PPID    COMM             AGE(ms) EXIT\n"), r::toString);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d " + failing.pid() + " +" + SELF + " +sh +\\d+ code 3$", r);
            long age = number("(?m)^\\d\\d:\\d\\d:\\d\\d " + sleeper.pid() + " +" + SELF + " +sleep +(\\d+) signal 15$", r);
            assertTrue(age >= 400 && age < 10_000, "the sleeper lived about 500 ms, exitsnoop says " + age + "\n" + r);
        }
    }

    @Test
    void setuidsShowsAPrivilegeDropAndARefusedRegain() {
        try (ToolRun t = ToolRun.start("setuids").awaitAttached(8)) {
            // Drops to nobody, then the second setpriv (running as nobody) may not switch back to root.
            int rc = Commands.run("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "setpriv", "--reuid=0", "true");
            assertTrue(rc != 0, "regaining root as nobody must fail");
            t.awaitStdout(" -1\n");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +setpriv +0 +setresuid +" + NOBODY + " +" + NOBODY + " +" + NOBODY + " +0$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +setpriv +" + NOBODY + " +setresuid +0 +0 +0 +-1$", r); // EPERM
        }
    }

    @Test
    void capableShowsGrantedAndRefusedChown() throws IOException {
        Path file = Files.writeString(dir.resolve("owned"), "x");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody must reach the file
        try (ToolRun t = ToolRun.start("capable").awaitAttached(1)) {
            assertEquals(0, Commands.run("chown", NOBODY, file.toString()));
            assertTrue(Commands.run("setpriv", "--reuid=" + NOBODY, "--clear-groups", "chown", "0", file.toString()) != 0);
            t.awaitStdout("CAP_CHOWN            -1\n");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("TIME     UID    PID     COMM             CAP  NAME                 RET\n"), r::toString);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d 0 +\\d+ +chown +0 +CAP_CHOWN +0$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d " + NOBODY + " +\\d+ +chown +0 +CAP_CHOWN +-1$", r);
        }
    }
}
