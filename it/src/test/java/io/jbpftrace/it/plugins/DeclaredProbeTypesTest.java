package io.jbpftrace.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.registry.FelixProviderSource;
import io.jbpftrace.spi.ProbeProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Each shipped provider bundle declares in its manifest exactly the probe types its providers serve:
 * the launcher starts only the bundles of the types a script names, and trusts these declarations.
 */
class DeclaredProbeTypesTest {

    @Test
    void everyBundleDeclaresTheTypesItsProvidersServe() throws Exception {
        Map<String, Set<String>> declared = new TreeMap<>(), served = new TreeMap<>();
        try (FelixProviderSource source = FelixProviderSource.start(Jbpftrace.home().resolve("bundle"))) {
            for (Bundle bundle : source.framework().getBundleContext().getBundles()) {
                if (bundle.getBundleId() == 0) continue; // the framework itself
                String name = bundle.getSymbolicName();
                Set<String> types = new TreeSet<>();
                for (var capability : bundle.adapt(BundleRevision.class).getDeclaredCapabilities(FelixProviderSource.PROBE_NAMESPACE)) {
                    if (capability.getAttributes().get("types") instanceof List<?> list) list.forEach(t -> types.add(String.valueOf(t)));
                }
                declared.put(name, types);
                Set<String> serves = new TreeSet<>();
                ServiceReference<?>[] refs = bundle.getRegisteredServices();
                for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                    if (bundle.getBundleContext().getService(ref) instanceof ProbeProvider p) serves.addAll(p.probeTypes());
                }
                served.put(name, serves);
            }
        }
        assertFalse(declared.isEmpty());
        assertEquals(served, declared);
    }
}
