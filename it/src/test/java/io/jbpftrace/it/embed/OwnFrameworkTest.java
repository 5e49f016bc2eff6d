package io.jbpftrace.it.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.api.JBpftrace;
import io.jbpftrace.api.Trace;
import io.jbpftrace.it.support.Distributions;
import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.KernelObjects;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.registry.BundleContextProviderSource;
import io.jbpftrace.registry.CoreExports;
import io.jbpftrace.spi.ProbeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * An application hosting our provider bundles in a Felix framework of its own (core on its
 * classpath, exported through the system bundle), taking provider services from it and using them
 * through the embedding API; and a provider bundle stopped mid-trace taking its probes with it.
 */
@ExtendWith(RequiresRoot.class)
class OwnFrameworkTest {
    @TempDir static Path storage;
    static Framework framework;

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, CoreExports.exportPackageHeader());
        config.put("felix.service.urlhandlers", "false");
        framework = new Felix(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> files = Files.list(Jbpftrace.home().resolve("bundle"))) {
            jars = new ArrayList<>(files.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        }
        jars.add(Distributions.sampleProviderBundle());
        for (Path jar : jars) bundles.add(ctx.installBundle(jar.toUri().toString()));
        for (Bundle b : bundles) b.start();
    }

    @AfterAll
    static void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @AfterEach
    void restartStoppedBundles() throws Exception {
        for (Bundle b : framework.getBundleContext().getBundles()) if (b.getState() == Bundle.RESOLVED) b.start();
    }

    private static ProbeProvider service(String probeType) throws Exception {
        BundleContext ctx = framework.getBundleContext();
        var refs = ctx.getServiceReferences(ProbeProvider.class, "(probe.type=" + probeType + ")");
        assertEquals(1, refs.size(), probeType + " services: " + refs);
        return ctx.getService(refs.iterator().next());
    }

    @Test
    void providerServiceFromOurFrameworkWorksThroughTheApi() throws Exception {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        List<ProbeProvider> providers = List.of(service("tracepoint"), service("rawtracepoint"));
        try (JBpftrace jb = JBpftrace.builder().providers(providers).build();
             Trace t = jb.start("tracepoint:sched:sched_switch { @tp = count(); } rawtracepoint:sched_switch { @raw = count(); }")) {
            Thread.sleep(300);
            assertTrue(count(t, "@tp") > 0);
            assertTrue(count(t, "@raw") > 0);
        }
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    @Test
    void stoppingAProviderBundleDetachesItsProbes() throws Exception {
        KernelObjects.Snapshot before = KernelObjects.snapshot();
        long self = ProcessHandle.current().pid();
        BundleContext ctx = framework.getBundleContext();
        try (JBpftrace jb = JBpftrace.builder().providers(new BundleContextProviderSource(ctx)).build();
             Trace t = jb.start("tracepoint:sched:sched_switch { @tp = count(); } rawtracepoint:sched_switch { @raw = count(); }")) {
            Thread.sleep(300);
            assertEquals(2, t.attachedCount());
            int perfFds = KernelObjects.perfEventFds(self);
            assertTrue(count(t, "@tp") > 0);

            bundle("io.jbpftrace.provider.tracepoint").stop();

            assertEquals(1, t.attachedCount(), "the tracepoint probe is detached");
            assertEquals(perfFds - 1, KernelObjects.perfEventFds(self), "its perf event is closed");
            long tp = count(t, "@tp"), raw = count(t, "@raw");
            Thread.sleep(300);
            assertEquals(tp, count(t, "@tp"), "a detached probe counts no more");
            assertTrue(count(t, "@raw") > raw, "the other bundle's probe still runs");
            assertTrue(jb.providers().stream().noneMatch(p -> p.startsWith("tracepoint ")), jb.providers()::toString);
        }
        KernelObjects.assertNoneAddedSince(before, Duration.ofSeconds(5));
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) if (symbolicName.equals(b.getSymbolicName())) return b;
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static long count(Trace t, String map) throws Exception {
        return ((MapValue.Int) t.map(map).get(0).value()).value();
    }
}
