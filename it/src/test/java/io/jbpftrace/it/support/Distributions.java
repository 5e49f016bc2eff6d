package io.jbpftrace.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Copies and unpacks of the built distribution, for tests that add or remove bundles. */
public final class Distributions {
    private Distributions() {}

    /**
     * Copies the built distribution folder into {@code target} (which must not exist). The CDS archive
     * is left behind: it is bound to the original jar paths and would only be ignored.
     */
    public static Path copy(Path target) throws IOException {
        Path source = Jbpftrace.home();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else if (!p.getFileName().toString().endsWith(".jsa")) Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    /** Unpacks {@code dist/target/<prefix>-<version>.tar.gz} into dir; returns its top folder. */
    public static Path unpack(String prefix, Path dir) throws IOException, InterruptedException {
        Path targetDir = Jbpftrace.home().getParent();
        Path tarball;
        try (Stream<Path> files = Files.list(targetDir)) {
            tarball = files.filter(p -> p.getFileName().toString().matches(prefix + "-\\d.*\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "-*.tar.gz in " + targetDir));
        }
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        if (tar.waitFor() != 0) throw new IOException("tar -xzf " + tarball + " failed");
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> folders = top.filter(Files::isDirectory).toList();
            if (folders.size() != 1) throw new IOException("expected one top folder in " + tarball + ": " + folders);
            return folders.get(0);
        }
    }

    /** The sample third-party provider bundle, copied next to the tests by the it build. */
    public static Path sampleProviderBundle() {
        String configured = System.getProperty("jbpftrace.it.sampleBundle");
        Path bundle = Path.of(configured != null ? configured : "target/third-party/sample-provider-rawtracepoint.jar");
        if (!Files.isRegularFile(bundle)) throw new IllegalStateException("sample provider bundle not built: " + bundle);
        return bundle.toAbsolutePath();
    }
}
