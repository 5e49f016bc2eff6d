package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Manifest;

/**
 * The {@code Export-Package} header bnd writes into core's manifest. The framework re-exports
 * exactly these packages from the system bundle, so package versions are declared once (in the
 * package-info files) and provider bundles share core's classes instead of copies.
 */
public final class CoreExports {
    private CoreExports() {}

    /**
     * The value to give {@code org.osgi.framework.system.packages.extra} when hosting provider
     * bundles in a framework of one's own while core stays on the application classpath.
     */
    public static String exportPackageHeader() {
        Path location = Manifests.location(ProbeProvider.class)
                .orElseThrow(() -> new IllegalStateException("cannot locate the jbpftrace core classes"));
        Manifest manifest;
        try {
            manifest = Manifests.read(location).orElseThrow(() -> new IllegalStateException("no manifest in " + location));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the manifest of " + location, e);
        }
        String header = manifest.getMainAttributes().getValue("Export-Package");
        if (header == null || header.isBlank()) {
            throw new IllegalStateException("no Export-Package in the manifest of " + location + "; was core built by bnd?");
        }
        return header;
    }
}
