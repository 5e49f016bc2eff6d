package io.jbpftrace.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The manifest of the jar, or classes folder in a build, that a class was loaded from. */
public final class Manifests {
    private Manifests() {}

    /**
     * The Bundle-Version bnd stamped into the jar a class came from, as major.minor.micro; the
     * launcher's own version, shown by --version. "unknown" without a manifest.
     */
    public static String bundleVersion(Class<?> type) {
        try {
            return ProviderDescription.shortVersion(of(type).map(m -> m.getMainAttributes().getValue("Bundle-Version")).orElse(null));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Optional<Path> location(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) return Optional.empty();
        try {
            return Optional.of(Path.of(cs.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file (e.g. a nested or remote jar)
        }
    }

    /** Empty when the class has no file location or the location has no manifest. */
    static Optional<Manifest> of(Class<?> type) throws IOException {
        Optional<Path> location = location(type);
        return location.isEmpty() ? Optional.empty() : read(location.get());
    }

    /** bnd writes META-INF/MANIFEST.MF into the classes folder too, so builds and jars look alike. */
    static Optional<Manifest> read(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            Path file = location.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(file)) return Optional.empty();
            try (InputStream in = Files.newInputStream(file)) {
                return Optional.of(new Manifest(in));
            }
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return Optional.ofNullable(jar.getManifest());
        }
    }
}
