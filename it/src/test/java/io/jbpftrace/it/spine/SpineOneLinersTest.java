package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed article's first one-liners, loaded into this kernel and checked against real workloads. */
@ExtendWith(RequiresRoot.class)
class SpineOneLinersTest {
    private static final Duration ATTACH = Duration.ofSeconds(30), RUN = Duration.ofSeconds(30);

    @Test
    void helloWorldPrintsExactlyWhatBpftracePrints() {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { printf(\"Hello eBPF!\\n\"); exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Attaching 1 probe...\nHello eBPF!\n\n\n", r.stdout());
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void openatShowsTheFileTheWorkloadOpens(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path file = dir.resolve("opened-by-workload");
        try (Workload w = Workload.testProgram("open", file.toString(), "3");
             Jbpftrace.Background t = Jbpftrace.start("-e", "tracepoint:syscalls:sys_enter_openat /pid == " + w.pid()
                     + "/ { printf(\"%s %s\\n\", comm, str(args->filename)); }")) {
            t.awaitStdout("Attaching 1 probe...", ATTACH);
            w.go();
            w.awaitDone(RUN);
            t.awaitStdout("workload " + file + "\nworkload " + file + "\nworkload " + file + "\n", RUN);
            t.sigint();
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
        }
    }

    @Test
    void countsSyscallsByCommandUntilTheIntervalExits() {
        try (Workload w = Workload.testProgram("read", "1", "2000");
             Jbpftrace.Background t = Jbpftrace.start("-e",
                     "tracepoint:raw_syscalls:sys_enter { @[comm] = count(); } interval:s:1 { exit(); }")) {
            t.awaitStdout("Attaching 2 probes...", ATTACH);
            w.go();
            w.awaitDone(RUN);
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
            Matcher m = Pattern.compile("(?m)^@\\[workload\\]: (\\d+)$").matcher(r.stdout());
            assertTrue(m.find(), r::toString);
            long count = Long.parseLong(m.group(1));
            assertTrue(count >= 2000 && count < 2100, "workload made 2000 reads plus a few calls to exit, counted " + count);
        }
    }

    @Test
    void readSizeHistogramsMatchBpftraceByteForByte() throws IOException {
        // The expected file was captured from bpftrace 0.17 on this machine for the same workload:
        // one 1-byte read (the "go" line on stdin), then seven 100-byte reads from /dev/zero.
        String expected = resource("read_hist_lhist.bpftrace-0.17.out");
        try (Workload w = Workload.testProgram("read", "100", "7");
             Jbpftrace.Background t = Jbpftrace.start("-e", "tracepoint:syscalls:sys_exit_read /pid == " + w.pid()
                     + "/ { @bytes = hist(args->ret); @l = lhist(args->ret, 0, 200, 20); }")) {
            t.awaitStdout("Attaching 1 probe...", ATTACH);
            w.go();
            w.awaitDone(RUN);
            t.sigint();
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(expected, r.stdout());
        }
    }

    @Test
    void wildcardAttachesEverySchedTracepoint() throws IOException {
        Jbpftrace.Result r = Jbpftrace.run("-e", "tracepoint:sched:sched* { @[probe] = count(); } interval:s:1 { exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        long expected; // counted after the run: jbpftrace mounts tracefs when a fresh machine has not
        try (var dirs = Files.list(Path.of("/sys/kernel/tracing/events/sched"))) {
            expected = dirs.filter(d -> d.getFileName().toString().startsWith("sched") && Files.exists(d.resolve("id"))).count();
        }
        assertTrue(r.stdout().startsWith("Attaching " + (expected + 1) + " probes...\n"), r::toString);
        assertTrue(r.stdout().contains("@[tracepoint:sched:sched_switch]: "), r::toString);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SpineOneLinersTest.class.getResourceAsStream("/acceptance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
