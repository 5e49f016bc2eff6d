package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block I/O tools against dd writing 16 KiB blocks with O_DIRECT: one request per block. A write
 * that the kernel sends through its cache-flush sequence (typically the first ones into newly allocated
 * blocks) may complete without a block_rq_complete event for its sector, so the tools can miss a few
 * of them; at least half must be there.
 */
@ExtendWith(RequiresRoot.class)
class BlockToolsRunTest {
    private static final int BLOCKS = 20;

    @TempDir Path dir;

    @Test
    void biosnoopShowsEachDirectWriteOfDd() {
        try (Commands.Held dd = directWrites();
             ToolRun t = ToolRun.start("biosnoop").awaitAttached(3)) {
            dd.goAndWait();
            String line = "(?m)^\\d+ +dd +" + dd.pid() + " +\\d+,\\d+ +W\\S* +\\d+ +16384 +\\d+$";
            ToolLines.awaitLine(t, line);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME(ms)   COMM             PID     DISK    RWBS        SECTOR    BYTES    LAT(us)", r);
            long writes = Pattern.compile(line).matcher(r.stdout()).results().count();
            assertTrue(writes >= BLOCKS / 2, "dd wrote " + BLOCKS + " blocks of 16 KiB with O_DIRECT, biosnoop showed " + writes + "\n" + r);
            assertFalse(r.stdout().contains("@issued"), "END clears the in-flight maps\n" + r);
        }
    }

    @Test
    void biostacksShowsTheDirectIoSubmitPath() {
        try (Commands.Held dd = directWrites();
             ToolRun t = ToolRun.start("biostacks").awaitAttached(3)) {
            dd.goAndWait();
            ToolRun.sleep(500); // completions of the last requests
            Jbpftrace.Result r = t.interrupt();
            // Each key is the submitting kernel stack; the direct writes came through write(2) and the
            // file system's direct I/O code (iomap_dio_rw on ext4 and xfs).
            Matcher m = Pattern.compile("(?m)^@usecs\\[\\n((?: {4}.*\\n)+)\\]: *\\n((?:\\[.*\\n)+)").matcher(r.stdout());
            long direct = 0;
            while (m.find()) {
                if (m.group(1).contains("dio") && m.group(1).contains("write")) direct += ToolLines.histogramTotal(m.group(2));
            }
            assertTrue(direct >= BLOCKS / 2, BLOCKS + " direct writes, " + direct + " under a direct I/O write stack\n" + r);
            assertFalse(r.stdout().contains("@stack"), "END clears the per-request stacks\n" + r);
        }
    }

    /** dd, held until go(): its pid is known before it writes. */
    private Commands.Held directWrites() {
        return Commands.heldUntilGo("dd if=/dev/zero of=" + dir.resolve("direct.dat") + " bs=16k count=" + BLOCKS
                + " oflag=direct status=none");
    }
}
