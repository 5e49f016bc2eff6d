package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Providers listed in {@code META-INF/services} on a class loader: embedding without OSGi, and unit tests. */
public final class ServiceLoaderProviderSource implements ProviderSource {
    private final List<ProbeProvider> providers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public ServiceLoaderProviderSource() { this(Thread.currentThread().getContextClassLoader()); }

    public ServiceLoaderProviderSource(ClassLoader loader) {
        var it = ServiceLoader.load(ProbeProvider.class, loader).iterator();
        while (true) {
            // A broken provider jar must not hide the others, so each lookup is guarded on its own.
            try {
                if (!it.hasNext()) break;
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add(e.getMessage());
            }
        }
    }

    @Override
    public List<ProbeProvider> providers() { return List.copyOf(providers); }

    @Override
    public List<String> describe() {
        return providers.stream().map(p -> ProviderDescription.of(p, version(p), origin(p))).toList();
    }

    @Override
    public List<String> problems() { return List.copyOf(problems); }

    @Override
    public void close() {}

    /** Implementation-Version if the jar has one, else the Bundle-Version bnd writes. */
    private static String version(ProbeProvider p) {
        Package pkg = p.getClass().getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        if (version == null) version = manifestValue(p, "Bundle-Version");
        return ProviderDescription.shortVersion(version);
    }

    /** The bundle symbolic name if the jar is a bundle, else the jar's (or folder's) file name. */
    private static String origin(ProbeProvider p) {
        String bsn = manifestValue(p, "Bundle-SymbolicName");
        if (bsn != null) return bsn.split(";", 2)[0].trim();
        return Manifests.location(p.getClass()).map(l -> l.getFileName().toString()).orElse(p.getClass().getName());
    }

    private static String manifestValue(ProbeProvider p, String name) {
        try {
            return Manifests.of(p.getClass()).map(m -> m.getMainAttributes().getValue(name)).orElse(null);
        } catch (java.io.IOException e) {
            return null; // only cosmetic: --version shows "unknown"
        }
    }
}
