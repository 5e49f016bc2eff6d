package io.jbpftrace.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab boots a kernel with kprobes, and a JVM runs in it. */
class KernelLabTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5); // TCG on a loaded 2-core host: boots took 6-56 s

    @BeforeEach
    void labIsAvailable() {
        assumeTrue(KernelLab.available(), () -> "kernel lab unavailable, skipping: " + KernelLab.unavailableReason());
    }

    @Test
    void guestKernelTakesKprobeEvents() {
        LabResult r = KernelLab.run("echo 'p:jbt_smoke vfs_read' > /sys/kernel/tracing/kprobe_events"
                + " && cat /sys/kernel/tracing/kprobe_events"
                + " && echo '-:jbt_smoke' >> /sys/kernel/tracing/kprobe_events", TIMEOUT);
        System.out.printf("kernel lab: boot %d ms, run %d ms%n", r.bootTime().toMillis(), r.elapsed().toMillis());
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("p:kprobes/jbt_smoke vfs_read\n", r.stdout(), r::describe);
    }

    @Test
    void guestRunsTheTestsJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LabResult r = KernelLab.run("s=$(date +%s%N); " + java + " -version || exit; e=$(date +%s%N);"
                + " echo \"jvm-ms $(( (e - s) / 1000000 ))\"", TIMEOUT);
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("version \"" + System.getProperty("java.specification.version")), r::describe);
        Matcher ms = Pattern.compile("jvm-ms (\\d+)").matcher(r.stdout());
        assertTrue(ms.find(), r::describe);
        System.out.printf("kernel lab: boot %d ms, java -version %s ms in the guest%n", r.bootTime().toMillis(), ms.group(1));
    }
}
