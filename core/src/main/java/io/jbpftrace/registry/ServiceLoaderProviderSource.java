package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.security.CodeSource;
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

    private static String version(ProbeProvider p) {
        Package pkg = p.getClass().getPackage();
        return ProviderDescription.shortVersion(pkg == null ? null : pkg.getImplementationVersion());
    }

    /** The jar (file name) the provider was loaded from, or its class name when that is unknown. */
    private static String origin(ProbeProvider p) {
        CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) return p.getClass().getName();
        String path = cs.getLocation().getPath();
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
