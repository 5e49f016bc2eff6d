package io.jbpftrace.it.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.api.Histogram;
import io.jbpftrace.api.JBpftrace;
import io.jbpftrace.api.Trace;
import io.jbpftrace.api.TraceException;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedding API from a plain classpath (no OSGi): providers by ServiceLoader, output by callbacks. */
@ExtendWith(RequiresRoot.class)
class EmbeddingApiTest {

    @Test
    void exampleAppReadsPrintfCountAndHistogramAndLeavesNothingBehind() throws Exception {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        ExampleApp.Report r = ExampleApp.run(Duration.ofMillis(700));

        assertEquals("watching context switches\n", r.printed().get(0), r.printed()::toString);
        assertTrue(r.printed().contains("tick\n"), r.printed()::toString);
        assertTrue(r.switches() > 0, r::toString);
        Histogram prio = r.priorities();
        assertTrue(prio.count() > 0, r::toString);
        // Ordinary tasks run at priority 120, which falls into the log2 bucket [64, 127].
        assertTrue(prio.buckets().stream().anyMatch(b -> b.min() == 64 && b.max() == 127 && b.count() > 0), prio::toString);
        assertFalse(r.live().get("@bycpu").isEmpty(), r::toString);
        assertTrue(r.live().get("@bycpu").get(0).key().get(0) instanceof Long, r::toString);
        // The maps after close are the final ones: at least what was seen while tracing.
        long finalCount = ((MapValue.Int) r.atEnd().get("@switches").get(0).value()).value();
        assertTrue(finalCount >= r.switches(), r::toString);
        assertTrue(r.providers().stream().anyMatch(p -> p.startsWith("tracepoint ")), r.providers()::toString);

        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void exitEndsTheTraceAndEndRunsAtClose() throws Exception {
        StringBuilder out = new StringBuilder();
        try (JBpftrace jb = JBpftrace.builder().onPrintf(out::append).build()) {
            Trace t = jb.start("interval:ms:100 { @ticks = count(); exit(); } END { printf(\"end %d\\n\", 7); }");
            assertTrue(t.awaitExit(Duration.ofSeconds(10)), "exit() was not seen");
            assertEquals(1L, ((MapValue.Int) t.map("@ticks").get(0).value()).value());
            t.close();
            assertEquals("end 7\n", out.toString());
            assertEquals(0, t.attachedCount());
        }
    }

    @Test
    void printCallbackReceivesMapsWhileTracing() throws Exception {
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JBpftrace jb = JBpftrace.builder().onPrint((name, entries) -> printed.add(name + "=" + entries.size())).build();
             Trace t = jb.start("BEGIN { @x[1] = 5; @x[2] = 6; print(@x); exit(); }")) {
            assertTrue(t.awaitExit(Duration.ofSeconds(10)));
            assertEquals(List.of("@x=2"), printed);
            List<MapEntry> x = t.map("@x");
            assertEquals(2, x.size());
        }
    }

    @Test
    void compileErrorsComeBackAsValuesWithTheCliMessage() {
        try (JBpftrace jb = JBpftrace.builder().build()) {
            TraceException e = assertThrows(TraceException.class, () -> jb.start("usdt:/bin/sh:prov:probe { }"));
            assertTrue(e.getMessage().contains("no provider for probe type usdt"), e.getMessage());
            e = assertThrows(TraceException.class, () -> jb.start("BEGIN { @x = ; }"));
            assertTrue(e.getMessage().contains("ERROR"), e.getMessage());
        }
    }
}
