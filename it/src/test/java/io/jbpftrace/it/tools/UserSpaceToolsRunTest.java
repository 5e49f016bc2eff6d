package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The uprobe and USDT tools: bash's readline, libc's resolver, libssl, and the JVM's GC probes. */
@ExtendWith(RequiresRoot.class)
class UserSpaceToolsRunTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir Path dir;

    @Test
    void bashreadlineShowsALineTypedIntoAnInteractiveBash() throws Exception {
        String typed = "echo jbt-typed-" + System.nanoTime();
        try (ToolRun t = ToolRun.start("bashreadline").awaitAttached(1)) {
            // script(1) gives bash a pseudo-terminal, so it reads its input with readline().
            Process shell = new ProcessBuilder("script", "-qc", "bash --norc --noprofile -i", "/dev/null")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                shell.getOutputStream().write((typed + "\nexit\n").getBytes(StandardCharsets.UTF_8));
                shell.getOutputStream().close();
                if (!shell.waitFor(10, TimeUnit.SECONDS)) fail("the interactive bash did not exit");
            } finally {
                shell.destroyForcibly();
            }
            ToolLines.awaitLine(t, "^\\d\\d:\\d\\d:\\d\\d \\d+ +exit$");
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     COMMAND", r);
            ToolLines.find("^\\d\\d:\\d\\d:\\d\\d \\d+ +" + Pattern.quote(typed) + "$", r);
        }
    }

    @Test
    void gethostlatencyShowsALookupFromEtcHosts() {
        try (Commands.Held getent = Commands.heldUntilGo("getent ahosts localhost");
             ToolRun t = ToolRun.start("gethostlatency").awaitAttached(6)) {
            getent.goAndWait();
            String line = "^\\d\\d:\\d\\d:\\d\\d " + getent.pid() + " +getent +\\d+\\.\\d\\d localhost$";
            ToolLines.awaitLine(t, line);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     COMM                 LATms HOST", r);
        }
    }

    @Test
    void sslsnoopShowsTheHandshakeAndTheLineSentAndReceived() throws Exception {
        try (TlsPair tls = TlsPair.start(dir);
             ToolRun t = ToolRun.start("sslsnoop").awaitAttached(10)) {
            long client = tls.exchange("hello");
            // "hello\n" out and "olleh\n" back: 6 bytes each way, in the client.
            String read = "^\\d\\d:\\d\\d:\\d\\d " + client + " +openssl +SSL_read(_ex)? +\\d+ +6 +\\d+$";
            ToolLines.awaitLine(t, read);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     COMM             FUNC               RET    BYTES  LAT(us)", r);
            ToolLines.find("^\\d\\d:\\d\\d:\\d\\d " + client + " +openssl +SSL_write(_ex)? +\\d+ +6 +\\d+$", r);
            ToolLines.find("^\\d\\d:\\d\\d:\\d\\d " + tls.serverPid() + " +openssl +SSL_do_handshake +1 +0 +\\d+$", r);
        }
    }

    @Test
    void ssllatencyHistogramsHandshakesReadsAndWrites() throws Exception {
        try (TlsPair tls = TlsPair.start(dir);
             ToolRun t = ToolRun.start("ssllatency").awaitAttached(10)) {
            tls.exchange("hello");
            Jbpftrace.Result r = t.interrupt();
            for (String func : new String[] {"SSL_do_handshake", "SSL_read", "SSL_write"}) {
                String hist = ToolLines.find("^@usecs\\[" + func + "\\]: *\\n((?:\\[.*\\n)+)", r).group(1);
                assertTrue(ToolLines.histogramTotal(hist) >= 1, func + " has no completed call\n" + r);
            }
            assertFalse(r.stdout().contains("@start"), "END clears the start times\n" + r);
        }
    }

    @Test
    void jvmgcShowsTheFullCollectionsOfThisJvm() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(javaHome.startsWith("/usr/lib/jvm"), "jvmgc.bt traces the JDKs under /usr/lib/jvm, this JVM runs from " + javaHome);
        try (ToolRun t = ToolRun.start("jvmgc").awaitAttached(2)) {
            for (int i = 0; i < 3; i++) System.gc();
            String line = "^\\d\\d:\\d\\d:\\d\\d " + SELF + " +full +\\d+$";
            long deadline = System.nanoTime() + ToolRun.STOP.toNanos();
            while (Pattern.compile(line, Pattern.MULTILINE).matcher(t.stdoutSoFar()).results().count() < 3) {
                if (System.nanoTime() > deadline) fail("three System.gc() calls, not three full collections:\n" + t.stdoutSoFar());
                ToolRun.sleep(50);
            }
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     TYPE   PAUSE(us)", r);
            String hist = ToolLines.find("^@usecs\\[" + SELF + "\\]: *\\n((?:\\[.*\\n)+)", r).group(1);
            assertTrue(ToolLines.histogramTotal(hist) >= 3, r::toString);
        }
    }
}
