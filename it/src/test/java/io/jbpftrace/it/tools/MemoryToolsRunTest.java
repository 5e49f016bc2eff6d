package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The memory tools that run here (pfstacks); swapin and loads need the kernel lab (KprobeLabTest). */
@ExtendWith(RequiresRoot.class)
class MemoryToolsRunTest {
    @Test
    void pfstacksCountsTheFaultsOfOneProcessAtOneStack() {
        int pages = 2000;
        try (Workload w = Workload.testProgram("touch", Integer.toString(pages));
             ToolRun t = ToolRun.start("pfstacks", Long.toString(w.pid())).awaitAttached(1)) {
            w.go();
            w.awaitDone(Duration.ofSeconds(10));
            Jbpftrace.Result r = t.interrupt();
            // The loop touching the pages is one stack; its count holds every first touch.
            long most = Pattern.compile("(?m)^, workload\\]: (\\d+)$").matcher(r.stdout()).results()
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
            assertTrue(most >= pages, "the workload touched " + pages + " fresh pages, the busiest stack has " + most + "\n" + r);
            assertTrue(!Pattern.compile("(?m)^, (?!workload\\])").matcher(r.stdout()).find(), "only the given pid is counted\n" + r);
        }
    }
}
