package io.jbpftrace.it.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A kernel stack kept in a map (biostacks' pattern): taken in one probe, used in another. */
@ExtendWith(RequiresRoot.class)
class StoredStackTest {
    @Test
    void aStackTakenAtSyscallEntryIsPrintedFromTheExitProbe() {
        String script = "tracepoint:syscalls:sys_enter_openat /comm == \"cat\"/ { @s[tid] = kstack; @t[tid] = 1; }"
                + " tracepoint:syscalls:sys_exit_openat /@t[tid]/ { $s = @s[tid]; @[$s] = count(); @v = $s; exit(); }";
        try (Workload busy = Workload.shell("while :; do cat /proc/self/stat > /dev/null; done")) {
            Jbpftrace.Result r = Jbpftrace.run("-e", script);
            assertEquals(0, r.exitCode(), r::toString);
            String key = r.stdout().substring(r.stdout().indexOf("\n@[") + 1, r.stdout().indexOf("\n@v: "));
            assertTrue(key.contains("syscall_trace_enter") || key.contains("perf_syscall_enter"), r::toString);
            assertTrue(!key.contains("syscall_exit"), r::toString);
            // As a map value a stack is indented by 8, as bpftrace 0.17 prints it (4 as a key).
            assertTrue(Pattern.compile("(?m)^@v: \\n(        \\S+\\+\\d+\\n)+").matcher(r.stdout()).find(), r::toString);
        }
    }
}
