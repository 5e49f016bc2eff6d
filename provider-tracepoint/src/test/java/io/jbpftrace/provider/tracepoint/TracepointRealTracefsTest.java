package io.jbpftrace.provider.tracepoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider over this machine's tracefs (needs root and a mounted tracefs). */
class TracepointRealTracefsTest {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private final Kernel kernel = mock(Kernel.class);
    private final TracepointProvider provider = new TracepointProvider();

    @BeforeEach
    void needsTracefs() {
        assumeTrue(Files.isReadable(TRACEFS.resolve("events/sched/sched_switch/format")), "tracefs not mounted or not root");
        when(kernel.tracefs()).thenReturn(TRACEFS);
    }

    @Test
    void schedWildcardFindsSchedSwitch() throws Exception {
        List<ProbeTarget> targets = provider.expand(AttachPoint.parse("tracepoint:sched:sched*"), kernel);
        assertTrue(targets.size() >= 10, targets.toString());
        ProbeTarget sw = targets.stream().filter(t -> t.name().equals("tracepoint:sched:sched_switch")).findFirst().orElseThrow();
        Type.Record args = (Type.Record) provider.builtin("args", sw).orElseThrow().type();
        assertTrue(args.field("next_comm").isPresent());
    }

    @Test
    void listsOpenSyscalls() throws Exception {
        assertTrue(provider.list("tracepoint:syscalls:sys_enter_open*", kernel).contains("tracepoint:syscalls:sys_enter_openat"));
    }

    @Test
    void listingAndExpandingEverythingIsFast() throws Exception {
        long start = System.nanoTime();
        int listed = provider.list("*", kernel).size();
        long listMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(listed > 500, "listed " + listed);
        assertTrue(listMs < 1000, "listing took " + listMs + " ms");
        assertTrue(provider.expand(AttachPoint.parse("tracepoint:syscalls:*"), kernel).size() > 300);
    }
}
