package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one positioned error and exit code 1; the other flags of the spine work. */
@ExtendWith(RequiresRoot.class)
class CliErrorsTest {

    @Test
    void syntaxErrorPointsAtTheToken() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "BEGIN { printf(\"hi\" }");
        assertEquals(1, r.exitCode(), r::toString);
        assertEquals("", r.stdout());
        String[] lines = r.stderr().split("\n");
        assertTrue(lines[0].startsWith("stdin:1:21: ERROR: syntax error"), r::toString);
        assertEquals("BEGIN { printf(\"hi\" }", lines[1]);
        assertEquals(" ".repeat(20) + "^", lines[2]);
        assertFalse(r.stderr().contains("Exception"), r::toString);
    }

    @Test
    void unknownTracepointIsOneClearError() {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        Jbpftrace.Result r = Jbpftrace.run("-e", "tracepoint:nope:nothing { @ = count(); }");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().startsWith("stdin:1:1: ERROR: tracepoint not found: nope:nothing\n"), r::toString);
        assertEquals(3, r.stderr().split("\n").length, r::toString);
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void aVerifierRejectionNamesTheProbeAndTheStatement() {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        // the semantic checks cannot bound a loop's iterations; the verifier can
        String script = "BEGIN {\n  $i = 0;\n  while ($i < 1000000) {\n    $i++;\n  }\n  exit();\n}";
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(1, r.exitCode(), r::toString);
        String[] lines = r.stderr().split("\n");
        assertEquals("stdin:3:3: ERROR: the kernel's verifier rejected probe BEGIN (stdin:1:1) at this statement:"
                + " BPF program is too large. Processed 1000001 insn", lines[0], r::toString);
        assertEquals("  while ($i < 1000000) {", lines[1], r::toString);
        assertEquals("  ^~~~~", lines[2], r::toString);
        assertTrue(lines[3].startsWith("HINT: the probe has more paths or loop iterations than the verifier checks"), r::toString);
        assertTrue(lines[4].matches("use -v for the verifier log \\(\\d+ lines\\)"), r::toString);
        assertEquals(5, lines.length, r::toString);
        assertFalse(r.stderr().contains("Exception"), r::toString);
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void anEndlessLoopIsPinnedOnItsStatementAndMinusVAddsTheLog() {
        String script = "interval:ms:10 { @n = 1; }\nEND {\n  $i = 0;\n  while ($i < 10) {\n    @x = 1;\n  }\n}";
        Jbpftrace.Result r = Jbpftrace.run("-v", "-e", script);
        assertEquals(1, r.exitCode(), r::toString);
        String err = r.stderr();
        assertTrue(err.contains("stdin:4:3: ERROR: the kernel's verifier rejected probe END (stdin:2:1) at this statement:"
                + " infinite loop detected at insn "), r::toString);
        assertTrue(err.contains("\n  while ($i < 10) {\n  ^~~~~\nHINT: a while loop the verifier cannot prove ends"), r::toString);
        assertTrue(err.matches("(?s).*\nverifier log \\(\\d+ lines\\):\n.*call bpf_map_update_elem.*infinite loop detected.*"), r::toString);
        assertFalse(err.contains("use -v"), r::toString);
    }

    @Test
    void unknownProbeTypeNamesTheMissingProvider() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "rawtracepoint:sched_switch { @ = count(); }");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("ERROR: no provider for probe type rawtracepoint"), r::toString);
    }

    @Test
    void listsTracepointsByPattern() {
        Jbpftrace.Result r = Jbpftrace.run("-l", "tracepoint:syscalls:sys_enter_open*");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().lines().anyMatch("tracepoint:syscalls:sys_enter_openat"::equals), r::toString);
        assertTrue(r.stdout().lines().allMatch(l -> l.startsWith("tracepoint:syscalls:sys_enter_open")), r::toString);
    }

    @Test
    void verboseListingShowsEachTracepointsFieldsFromItsFormatFile() throws Exception {
        // -lv bundled as getopt allows; the fields are the format file's declarations without common_*
        Jbpftrace.Result r = Jbpftrace.run("-lv", "tracepoint:sched:sched_process_exec");
        assertEquals(0, r.exitCode(), r::toString);
        StringBuilder expected = new StringBuilder("tracepoint:sched:sched_process_exec\n");
        for (String line : Files.readAllLines(Path.of("/sys/kernel/tracing/events/sched/sched_process_exec/format"))) {
            Matcher m = Pattern.compile("^\\s*field:([^;]+);").matcher(line);
            if (m.find() && !m.group(1).contains("common_")) expected.append("    ").append(m.group(1)).append('\n');
        }
        assertEquals(expected.toString(), r.stdout());
        assertTrue(expected.toString().contains("    pid_t pid\n"), expected::toString);
    }

    @Test
    void commandModeEndsWhenTheCommandExits() {
        Jbpftrace.Result r = Jbpftrace.run("-e", "tracepoint:syscalls:sys_enter_openat /comm == \"cat\"/ { @opens = count(); }",
                "-c", "cat /etc/hostname");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("(?s)Attaching 1 probe...\n.*\n\n@opens: \\d+\n"), r::toString);
    }

    @Test
    void outputFileReceivesTheOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Jbpftrace.Result r = Jbpftrace.run("-o", out.toString(), "-e", "BEGIN { @x = 42; exit(); }");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stdout());
        assertEquals("Attaching 1 probe...\n\n\n@x: 42\n", Files.readString(out));
    }

    @Test
    void quietDropsTheAttachingLine() {
        Jbpftrace.Result r = Jbpftrace.run("-q", "-e", "BEGIN { printf(\"%d\\n\", 6 * 7); exit(); }");
        assertEquals("42\n\n\n", r.stdout(), r::toString);
    }
}
