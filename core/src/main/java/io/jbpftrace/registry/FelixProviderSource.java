package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Hosts the provider bundles of a distribution's {@code bundle/} folder in an embedded Felix.
 * Core itself stays on the application classpath; the framework's system bundle exports core's
 * API packages, so provider services are instances of the very {@link ProbeProvider} core uses.
 */
public final class FelixProviderSource implements ProviderSource {
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Framework framework;
    private final Path storage;
    private final FelixProblemLogger logger;
    private final List<String> problems = new ArrayList<>();
    private final List<Bundle> heldBack = new ArrayList<>();
    private BundleContextProviderSource services;

    /** The framework's private cache folder (deleted on close). */
    Path storage() { return storage; }

    private FelixProviderSource(Framework framework, Path storage, FelixProblemLogger logger) {
        this.framework = framework;
        this.storage = storage;
        this.logger = logger;
    }

    /** Starts the framework, installs and starts every {@code *.jar} in bundleDir, collects providers. */
    public static FelixProviderSource start(Path bundleDir) throws Exception { return start(bundleDir, null); }

    /**
     * As {@link #start(Path)}, but a bundle declaring the probe types it provides (capability
     * {@value #PROBE_NAMESPACE}) is started only when one of {@code wantedTypes} is among them; the
     * others wait for {@link #startHeldBack()}. Bundles declaring nothing always start. Null wants all.
     */
    public static FelixProviderSource start(Path bundleDir, Set<String> wantedTypes) throws Exception {
        removeStaleCaches();
        Path storage = Files.createTempDirectory(CACHE_PREFIX + ProcessHandle.current().pid() + "-");
        FelixProblemLogger logger = new FelixProblemLogger();
        Framework framework;
        try {
            framework = new Felix(config(storage, logger));
            framework.start();
        } catch (Exception | Error e) {
            deleteTree(storage);
            throw e;
        }
        FelixProviderSource source = new FelixProviderSource(framework, storage, logger);
        try {
            source.startBundles(bundleDir, wantedTypes);
            source.services = new BundleContextProviderSource(source.framework.getBundleContext());
        } catch (Exception | Error e) {
            source.close();
            throw e;
        }
        return source;
    }

    private static final String OSGI_PACKAGES = String.join(",",
            "org.osgi.framework;version=\"1.10\"", "org.osgi.framework.launch;version=\"1.2\"",
            "org.osgi.framework.wiring;version=\"1.2\"", "org.osgi.framework.startlevel;version=\"1.1\"",
            "org.osgi.framework.hooks.service;version=\"1.1\"", "org.osgi.framework.hooks.bundle;version=\"1.1\"",
            "org.osgi.framework.hooks.resolver;version=\"1.0\"", "org.osgi.framework.hooks.weaving;version=\"1.1\"",
            "org.osgi.framework.namespace;version=\"1.2\"", "org.osgi.framework.dto;version=\"1.8\"",
            "org.osgi.resource;version=\"1.0.1\"", "org.osgi.service.packageadmin;version=\"1.2.1\"",
            "org.osgi.service.startlevel;version=\"1.1.1\"", "org.osgi.util.tracker;version=\"1.5.3\"",
            "org.osgi.dto;version=\"1.1.1\"");

    private static final String CACHE_PREFIX = "jbpftrace-felix-";

    /**
     * Caches are named after the owning pid; one whose process is gone was left by a run that ended
     * before its framework had finished starting (see BackgroundProviderSource), and is removed.
     */
    private static void removeStaleCaches() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = Files.newDirectoryStream(tmp, CACHE_PREFIX + "*")) {
            for (Path dir : dirs) {
                String[] parts = dir.getFileName().toString().substring(CACHE_PREFIX.length()).split("-");
                boolean alive;
                try {
                    alive = ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (!alive) deleteTree(dir);
            }
        } catch (java.io.IOException e) {
            // stale caches are only untidy
        }
    }

    /** The packages java.base exports (bnd 7 bundles import java.* explicitly). */
    private static String javaBasePackages() {
        Module base = Object.class.getModule();
        return base.getDescriptor().exports().stream().filter(e -> !e.isQualified())
                .map(java.lang.module.ModuleDescriptor.Exports::source).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    private static Map<String, Object> config(Path storage, FelixProblemLogger logger) {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Provider bundles import java.base, the OSGi core API and jbpftrace's own packages; naming
        // them spares Felix computing the exports of every JDK module, most of its start time.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES, OSGI_PACKAGES + "," + javaBasePackages());
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, CoreExports.exportPackageHeader());
        // The cache is private to this process, so the lock file is pure cost.
        config.put("felix.cache.locking", "false");
        // URL handlers install JVM-wide factories: slow, and would clash with an embedding application.
        config.put("felix.service.urlhandlers", "false");
        config.put("felix.log.logger", logger);
        config.put("felix.log.level", "1");
        return config;
    }

    /** The capability namespace whose {@code types} attribute lists a bundle's probe types. */
    public static final String PROBE_NAMESPACE = "io.jbpftrace.probe";

    private void startBundles(Path bundleDir, Set<String> wantedTypes) throws IOException {
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundleJars(bundleDir)) {
            try {
                // reference: makes Felix read the jar in place instead of copying it into the cache.
                installed.add(ctx.installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                problems.add(jar.getFileName() + ": cannot install: " + e.getMessage());
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) continue;
            List<String> types = probeTypes(bundle);
            if (wantedTypes == null || types.isEmpty() || types.stream().anyMatch(wantedTypes::contains)) startBundle(bundle);
            else heldBack.add(bundle);
        }
    }

    private void startBundle(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            problems.add(bundle.getSymbolicName() + ": cannot start: " + e.getMessage());
        }
    }

    /** The probe types a bundle declares in its manifest, empty when it declares none. */
    static List<String> probeTypes(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) return List.of();
        List<String> types = new ArrayList<>();
        for (var capability : revision.getDeclaredCapabilities(PROBE_NAMESPACE)) {
            Object declared = capability.getAttributes().get("types");
            if (declared instanceof List<?> list) list.forEach(t -> types.add(String.valueOf(t)));
            else if (declared != null) types.add(String.valueOf(declared));
        }
        return types;
    }

    @Override
    public synchronized boolean startHeldBack() {
        if (heldBack.isEmpty()) return false;
        heldBack.forEach(this::startBundle);
        heldBack.clear();
        return true;
    }

    private static List<Path> bundleJars(Path bundleDir) throws IOException {
        if (!Files.isDirectory(bundleDir)) throw new IOException("provider bundle folder not found: " + bundleDir);
        try (Stream<Path> files = Files.list(bundleDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The framework hosting the bundles: to install, start or stop bundles while it runs. */
    public Framework framework() { return framework; }

    @Override
    public List<ProbeProvider> providers() { return services.providers(); }

    @Override
    public List<String> describe() { return services.describe(); }

    @Override
    public void addRemovalListener(Consumer<ProbeProvider> listener) { services.addRemovalListener(listener); }

    @Override
    public void removeRemovalListener(Consumer<ProbeProvider> listener) { services.removeRemovalListener(listener); }

    @Override
    public List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(logger.problems());
        return all;
    }

    @Override
    public void close() {
        if (services != null) services.close();
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException e) {
            problems.add("framework stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
    }

    /** Best effort: a leftover cache in the temp folder must not turn a clean exit into a failure. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // nothing sensible to do; the folder is under java.io.tmpdir
        }
    }
}
