package io.jbpftrace.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.registry.testbundle.FixedTypeProvider;
import io.jbpftrace.spi.ProbeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FelixProviderSourceTest {

    @TempDir
    Path bundles;

    @Test
    void collectsProvidersFromEveryBundleInFolderOrder() throws Exception {
        TestBundles.write(bundles, "b.provider.tracepoint", "0.2.0.qualifier", "tracepoint");
        TestBundles.write(bundles, "a.provider.profile", "1.4.2", "profile");

        long t0 = System.nanoTime();
        try (FelixProviderSource source = FelixProviderSource.start(bundles)) {
            System.out.printf("felix + 2 bundles started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            List<ProbeProvider> providers = source.providers();
            assertEquals(List.of("profile", "tracepoint"), providers.stream().map(p -> p.probeTypes().get(0)).toList());
            assertEquals(List.of("profile 1.4.2 (a.provider.profile)", "tracepoint 0.2.0 (b.provider.tracepoint)"), source.describe());
            assertEquals(List.of(), source.problems());
        }
    }

    @Test
    void bundlesDeclaringOtherProbeTypesStartOnlyWhenTheRegistryMissesAType() throws Exception {
        TestBundles.write(bundles, "a.tracepoint", "1.0.0", "tracepoint", true);
        TestBundles.write(bundles, "b.uprobe", "1.0.0", "uprobe", true);
        TestBundles.write(bundles, "c.undeclared", "1.0.0", "mine", false);
        try (FelixProviderSource source = FelixProviderSource.start(bundles, Set.of("tracepoint", "syscalls"))) {
            assertEquals(Set.of("tracepoint", "mine"), types(source.providers()), "a bundle declaring nothing always starts");
            ProviderRegistry registry = new ProviderRegistry(List.of(), source::providers, source::startHeldBack);
            assertTrue(registry.forType("tracepoint").isPresent());
            assertEquals(Set.of("tracepoint", "mine"), types(source.providers()), "a known type starts nothing more");
            assertTrue(registry.forType("uprobe").isPresent(), "a missed type starts the held-back bundles");
            assertEquals(Set.of("tracepoint", "mine", "uprobe"), types(source.providers()));
            assertFalse(source.startHeldBack());
        }
    }

    @Test
    void withoutWantedTypesEveryBundleStarts() throws Exception {
        TestBundles.write(bundles, "a.tracepoint", "1.0.0", "tracepoint", true);
        TestBundles.write(bundles, "b.uprobe", "1.0.0", "uprobe", true);
        try (FelixProviderSource source = FelixProviderSource.start(bundles, null)) {
            assertEquals(Set.of("tracepoint", "uprobe"), types(source.providers()));
            assertFalse(source.startHeldBack());
        }
    }

    private static Set<String> types(List<ProbeProvider> providers) {
        return providers.stream().map(p -> p.probeTypes().get(0)).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void providerClassesComeFromTheBundleButShareCoresInterface() throws Exception {
        TestBundles.write(bundles, "only", "1.0.0", "only");
        try (FelixProviderSource source = FelixProviderSource.start(bundles)) {
            ProbeProvider provider = source.providers().get(0);
            assertEquals(FixedTypeProvider.class.getName(), provider.getClass().getName());
            assertNotSame(FixedTypeProvider.class, provider.getClass());
        }
    }

    @Test
    void aBrokenBundleIsReportedAndTheOthersStillLoad() throws Exception {
        TestBundles.write(bundles, "good", "1.0.0", "good");
        Files.writeString(bundles.resolve("broken.jar"), "not a jar");
        try (FelixProviderSource source = FelixProviderSource.start(bundles)) {
            assertEquals(List.of("good"), source.providers().stream().map(p -> p.probeTypes().get(0)).toList());
            assertFalse(source.problems().isEmpty());
            assertTrue(source.problems().get(0).startsWith("broken.jar"), source.problems().toString());
        }
    }

    @Test
    void aStoppingBundleIsAnnouncedBeforeItsProviderGoesAndARestartBringsItBack() throws Exception {
        TestBundles.write(bundles, "a.stays", "1.0.0", "stays");
        TestBundles.write(bundles, "b.leaves", "1.0.0", "leaves");
        try (FelixProviderSource source = FelixProviderSource.start(bundles)) {
            ProbeProvider leaving = source.providers().get(1);
            List<ProbeProvider> removed = new java.util.ArrayList<>();
            source.addRemovalListener(removed::add);
            org.osgi.framework.Bundle bundle = java.util.Arrays.stream(source.framework().getBundleContext().getBundles())
                    .filter(b -> "b.leaves".equals(b.getSymbolicName())).findFirst().orElseThrow();

            bundle.stop();
            assertEquals(List.of(leaving), removed);
            assertEquals(List.of("stays"), source.providers().stream().map(p -> p.probeTypes().get(0)).toList());

            bundle.start();
            assertEquals(List.of("stays", "leaves"), source.providers().stream().map(p -> p.probeTypes().get(0)).toList());
            source.removeRemovalListener(removed::add);
        }
    }

    @Test
    void closeDeletesTheFrameworkCache() throws Exception {
        FelixProviderSource source = FelixProviderSource.start(bundles);
        Path cache = source.storage();
        assertTrue(Files.isDirectory(cache));
        source.close();
        assertFalse(Files.exists(cache), "cache " + cache + " remains");
    }

    @Test
    void aMissingBundleFolderIsAnError() {
        assertThrows(java.io.IOException.class, () -> FelixProviderSource.start(bundles.resolve("absent")));
    }
}
