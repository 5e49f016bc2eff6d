package io.jbpftrace.it.tools;

import static io.jbpftrace.it.tools.ToolOutput.assertMatches;
import static io.jbpftrace.it.tools.ToolOutput.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The file and syscall tools (statsnoop, syncsnoop, vfsstat, writeback, syscount per process). */
@ExtendWith(RequiresRoot.class)
class FileToolsRunTest {
    @TempDir Path dir;

    @Test
    void statsnoopShowsFoundAndMissingPaths() throws IOException {
        Path file = Files.writeString(dir.resolve("present"), "x");
        String missing = dir.resolve("absent").toString();
        try (ToolRun t = ToolRun.start("statsnoop").awaitAttached(8)) {
            assertEquals(0, Commands.run("stat", file.toString()));
            assertEquals(1, Commands.run("stat", missing));
            t.awaitStdout(missing + "\n");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("PID     COMM             ERR SYSCALL    PATH\n"), r::toString);
            assertMatches("(?m)^\\d+ +stat +0 statx +" + Pattern.quote(file.toString()) + "$", r);
            assertMatches("(?m)^\\d+ +stat +2 statx +" + Pattern.quote(missing) + "$", r); // ENOENT
        }
    }

    @Test
    void syncsnoopShowsEachKindOfFlush() throws IOException {
        Path file = Files.writeString(dir.resolve("flushed"), "x");
        try (ToolRun t = ToolRun.start("syncsnoop").awaitAttached(6)) {
            assertEquals(0, Commands.run("sync"));
            assertEquals(0, Commands.run("sync", "--data", file.toString()));
            assertEquals(0, Commands.run("sync", "--file-system", file.toString()));
            t.awaitStdout(" syncfs ");
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +sync +sync +-$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +sync +fdatasync +\\d+$", r);
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d \\d+ +sync +syncfs +\\d+$", r);
        }
    }

    @Test
    void vfsstatCountsReadsAndWritesEverySecond() {
        try (ToolRun t = ToolRun.start("vfsstat").awaitAttached(20)) {
            // One byte at a time: 20000 reads and 20000 writes.
            assertEquals(0, Commands.run("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000", "status=none"));
            ToolRun.sleep(1500); // the next interval prints the last counts
            Jbpftrace.Result r = t.interrupt();
            assertMatches("(?m)^\\d\\d:\\d\\d:\\d\\d\\n@\\[", r);
            long reads = ToolOutput.sum("(?m)^@\\[read\\]: (\\d+)$", r.stdout());
            long writes = ToolOutput.sum("(?m)^@\\[write\\]: (\\d+)$", r.stdout());
            assertTrue(reads >= 20_000 && writes >= 20_000, "dd made 20000 reads and writes, counted " + reads + " and " + writes + "\n" + r);
        }
    }

    @Test
    void writebackShowsTheSyncOfTheTestsDevice() throws IOException {
        String device = majorMinor((Long) Files.getAttribute(dir, "unix:dev"));
        try (ToolRun t = ToolRun.start("writeback").awaitAttached(2)) {
            Files.write(dir.resolve("dirty"), new byte[4 << 20]); // 1024 pages of 4 KiB
            assertEquals(0, Commands.run("sync"));
            t.awaitStdout(" sync ");
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("TIME     DEVICE   PAGES    REASON         ms\n"), r::toString);
            String line = "(?m)^\\d\\d:\\d\\d:\\d\\d +" + device + " +(\\d+) +(\\w+) +\\d+\\.\\d{3}$";
            assertMatches(line.replace("(\\w+)", "sync"), r);
            // The file's pages are written in this window, by the sync or by a flusher that came first.
            long pages = ToolOutput.sum(line, r.stdout());
            assertTrue(pages >= 1024, "4 MiB were written to " + device + ", writeback shows " + pages + " pages\n" + r);
        }
    }

    @Test
    void syscountCountsTheCallsOfOneProcess() {
        try (Commands.Held dd = Commands.heldUntilGo("dd if=/dev/zero of=/dev/null bs=1 count=50000 status=none");
             ToolRun t = ToolRun.start("syscount", Long.toString(dd.pid())).awaitAttached(1)) {
            dd.goAndWait();
            Jbpftrace.Result r = t.interrupt();
            assertTrue(r.stdout().contains("Counting syscalls of PID " + dd.pid() + "..."), r::toString);
            assertTrue(number("(?m)^@syscall\\[0\\]: (\\d+)$", r) >= 50_000, r::toString); // read
            assertTrue(number("(?m)^@syscall\\[1\\]: (\\d+)$", r) >= 50_000, r::toString); // write
            assertFalse(Pattern.compile("(?m)^@process\\[(?!dd\\]|sh\\])").matcher(r.stdout()).find(), "only the given pid is counted\n" + r);
        }
    }

    /** st_dev as glibc encodes it, as the kernel prints it: major:minor. */
    private static String majorMinor(long dev) {
        long major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >> 12) & ~0xffL);
        return major + ":" + minor;
    }
}
