package io.jbpftrace.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.registry.testbundle.FixedTypeProvider;
import io.jbpftrace.spi.ProbeProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLoaderProviderSourceTest {

    @TempDir
    Path dir;

    @Test
    void findsProvidersListedInMetaInfServices() throws Exception {
        try (URLClassLoader loader = loaderListing(FixedTypeProvider.class.getName())) {
            try (ServiceLoaderProviderSource source = new ServiceLoaderProviderSource(loader)) {
                assertEquals(List.of("fixed"), source.providers().stream().map(p -> p.probeTypes().get(0)).toList());
                assertTrue(source.describe().get(0).startsWith("fixed unknown (test-classes"), source.describe().toString());
                assertEquals(List.of(), source.problems());
            }
        }
    }

    @Test
    void anUnloadableProviderIsReportedNotThrown() throws Exception {
        try (URLClassLoader loader = loaderListing("no.such.Provider", FixedTypeProvider.class.getName())) {
            try (ServiceLoaderProviderSource source = new ServiceLoaderProviderSource(loader)) {
                assertEquals(1, source.providers().size());
                assertEquals(1, source.problems().size());
            }
        }
    }

    private URLClassLoader loaderListing(String... classNames) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProbeProvider.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }
}
