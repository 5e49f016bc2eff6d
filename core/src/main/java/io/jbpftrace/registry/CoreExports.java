package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Export-Package} header bnd writes into core's manifest. The framework re-exports
 * exactly these packages from the system bundle, so package versions are declared once (in the
 * package-info files) and provider bundles share core's classes instead of copies.
 */
final class CoreExports {
    private CoreExports() {}

    static String exportPackageHeader() {
        Path location = coreLocation();
        String header = readManifest(location).getMainAttributes().getValue("Export-Package");
        if (header == null || header.isBlank()) {
            throw new IllegalStateException("no Export-Package in the manifest of " + location + "; was core built by bnd?");
        }
        return header;
    }

    private static Path coreLocation() {
        CodeSource cs = ProbeProvider.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) throw new IllegalStateException("cannot locate the jbpftrace core classes");
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad core location " + cs.getLocation(), e);
        }
    }

    /** Core is a jar in a distribution, a classes directory in the build (bnd writes META-INF there too). */
    private static Manifest readManifest(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                Manifest m = jar.getManifest();
                if (m == null) throw new IllegalStateException("no manifest in " + location);
                return m;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the manifest of " + location, e);
        }
    }
}
