package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The output ring: its size, and a burst that fits it arriving whole although programs wake the
 * reader only when the ring fills and output is flushed only when the ring is drained.
 */
@ExtendWith(RequiresRoot.class)
class OutputRingTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final int RINGBUF = 27;

    /** 100,000 records of 48 bytes fit the default 8 MiB ring even if the reader never ran meanwhile. */
    @Test void aBurstThatFitsTheRingArrivesWholeAndInOrder() {
        try (Workload w = Workload.testProgram("read", "1", "100000");
             Jbpftrace.Background t = Jbpftrace.start("-e", "tracepoint:syscalls:sys_enter_read /pid == " + w.pid()
                     + "/ { printf(\"%d %s %d\\n\", pid, comm, @n++); }")) {
            t.awaitStdout("Attaching 1 probe...", RUN);
            w.go();
            w.awaitDone(RUN);
            // Ctrl-C prints what is left for at most 200 ms (the rest is counted lost): wait for the last line first.
            t.awaitStdout(w.pid() + " workload 99999\n", RUN);
            t.sigint();
            Jbpftrace.Result r = t.await(RUN);
            assertEquals(0, r.exitCode(), r::toString);
            assertFalse(r.stdout().contains("Lost"), () -> r.stdout().lines().filter(l -> l.startsWith("Lost")).toList().toString());
            List<String> lines = r.stdout().lines().filter(l -> l.startsWith(w.pid() + " workload ")).toList();
            assertEquals(100000, lines.size());
            for (int i = 0; i < lines.size(); i++) assertEquals(w.pid() + " workload " + i, lines.get(i));
        }
    }

    /** A lone event still shows up at once, though nothing woke the reader for it. */
    @Test void aLoneEventIsPrintedPromptly() {
        try (Workload w = Workload.testProgram("read", "1", "1");
             Jbpftrace.Background t = Jbpftrace.start("-e", "tracepoint:syscalls:sys_enter_read /pid == " + w.pid()
                     + "/ { printf(\"one read\\n\"); }")) {
            t.awaitStdout("Attaching 1 probe...", RUN);
            w.go();
            t.awaitStdout("one read", Duration.ofSeconds(5));
        }
    }

    private static final String TRACEPOINT = "tracepoint:syscalls:sys_enter_getppid { printf(\"x\\n\"); }";

    @Test void defaultRingIsEightMiB() throws Exception {
        assertEquals(8 << 20, outputRingSize(Map.of(), TRACEPOINT));
    }

    /** The kernel maps a whole ring into the reader at once: a BEGIN/END script keeps a small one. */
    @Test void aBeginEndScriptHasASmallRing() throws Exception {
        assertEquals(256 << 10, outputRingSize(Map.of(), "BEGIN { printf(\"x\\n\"); } END { printf(\"y\\n\"); }"));
    }

    /** BPFTRACE_PERF_RB_PAGES pages per CPU, in one ring rounded up to a power of two. */
    @Test void perfRbPagesSizesTheRing() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(Integer.highestOneBit(3 * 4096 * cpus - 1) << 1, outputRingSize(Map.of("BPFTRACE_PERF_RB_PAGES", "3"), TRACEPOINT));
    }

    @Test void aBadPerfRbPagesIsAnError() {
        Jbpftrace.Result r = Jbpftrace.runWithEnv(Map.of("BPFTRACE_PERF_RB_PAGES", "x"), RUN, "-e", "BEGIN { exit(); }");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("ERROR: Env var 'BPFTRACE_PERF_RB_PAGES' did not contain a valid uint64_t, or was zero-valued.\n", r.stderr());
    }

    /** max_entries of the RINGBUF map named "output" that the running tracer holds open. */
    private static long outputRingSize(Map<String, String> env, String script) throws IOException, InterruptedException {
        try (Jbpftrace.Background t = Jbpftrace.startWithEnv(env, "-e", script)) {
            t.awaitStdout("Attaching ", RUN);
            long size = -1;
            try (var fds = Files.list(Path.of("/proc", Long.toString(t.pid()), "fdinfo"))) {
                for (Path fd : fds.toList()) {
                    Map<String, String> info = fdinfo(fd);
                    if (String.valueOf(RINGBUF).equals(info.get("map_type")) && mapName(info.get("map_id")).equals("output")) {
                        size = Long.parseLong(info.get("max_entries"));
                    }
                }
            }
            t.sigint();
            t.await(RUN);
            return size;
        }
    }

    private static Map<String, String> fdinfo(Path fd) {
        Map<String, String> out = new java.util.HashMap<>();
        try {
            for (String line : Files.readAllLines(fd)) {
                String[] kv = line.split(":\\s*", 2);
                if (kv.length == 2) out.put(kv[0], kv[1].strip());
            }
        } catch (IOException e) {
            // closed meanwhile: not a map of ours
        }
        return out;
    }

    /** bpftool's first line: "ID: ringbuf  name NAME  flags 0x0". */
    private static String mapName(String id) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bpftool", "map", "show", "id", id).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" name (\\S+)").matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
