package io.jbpftrace.registry;

import io.jbpftrace.registry.testbundle.FixedTypeActivator;
import io.jbpftrace.registry.testbundle.FixedTypeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small provider bundles from the compiled test classes, so Felix tests need no prebuilt jars. */
final class TestBundles {
    private TestBundles() {}

    static Path write(Path dir, String symbolicName, String version, String probeType) throws IOException {
        return write(dir, symbolicName, version, probeType, false);
    }

    /** With {@code declared}, the manifest names the probe type as the built-in providers do (Provide-Capability). */
    static Path write(Path dir, String symbolicName, String version, String probeType, boolean declared) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", FixedTypeActivator.class.getName());
        a.putValue("Import-Package", "io.jbpftrace.spi;version=\"[1.0,2)\",io.jbpftrace.bpf;version=\"[1.0,2)\",org.osgi.framework");
        a.putValue("Probe-Type", probeType);
        if (declared) a.putValue("Provide-Capability", FelixProviderSource.PROBE_NAMESPACE + ";types:List<String>=\"" + probeType + "\"");
        Path jar = dir.resolve(symbolicName + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            for (Class<?> c : List.of(FixedTypeActivator.class, FixedTypeProvider.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                jos.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jos);
                }
                jos.closeEntry();
            }
        }
        return jar;
    }
}
