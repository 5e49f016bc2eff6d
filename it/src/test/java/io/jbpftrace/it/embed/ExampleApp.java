package io.jbpftrace.it.embed;

import io.jbpftrace.api.Histogram;
import io.jbpftrace.api.JBpftrace;
import io.jbpftrace.api.Trace;
import io.jbpftrace.api.TraceException;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an application embedding jbpftrace looks like: jbpftrace-core and the provider jars it wants
 * as ordinary Maven dependencies, no OSGi; providers are found by ServiceLoader. It watches context
 * switches for a while and reports them as Java objects.
 */
public final class ExampleApp {
    static final String SCRIPT = """
            BEGIN { printf("watching %s\\n", str($1)); }
            tracepoint:sched:sched_switch { @switches = count(); @prio = hist(args->prev_prio); @bycpu[cpu] = count(); }
            interval:ms:100 { printf("tick\\n"); }
            """;

    /** What a run saw: the printf lines in order, and the maps read while tracing and at the end. */
    public record Report(List<String> printed, Map<String, List<MapEntry>> live, Map<String, List<MapEntry>> atEnd,
                         List<String> providers) {
        long switches() { return ((MapValue.Int) live.get("@switches").get(0).value()).value(); }

        Histogram priorities() { return Histogram.of(live.get("@prio").get(0).value()); }
    }

    public static Report run(Duration howLong) throws TraceException, InterruptedException {
        List<String> printed = new CopyOnWriteArrayList<>();
        try (JBpftrace jbpftrace = JBpftrace.builder().onPrintf(printed::add).build()) {
            Map<String, List<MapEntry>> live;
            Trace trace = jbpftrace.start(SCRIPT, "context switches");
            try {
                Thread.sleep(howLong.toMillis());
                live = trace.maps();
            } finally {
                trace.close();
            }
            return new Report(List.copyOf(printed), live, trace.maps(), jbpftrace.providers());
        }
    }

    public static void main(String[] args) throws Exception {
        Report r = run(Duration.ofSeconds(1));
        System.out.println(r.switches() + " context switches; previous task priorities:");
        for (Histogram.Bucket b : r.priorities().buckets()) System.out.println("  " + b.min() + ".." + b.max() + ": " + b.count());
    }

    private ExampleApp() {}
}
