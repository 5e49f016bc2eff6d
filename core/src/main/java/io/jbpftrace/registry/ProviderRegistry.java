package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the provider owning a probe type; the compiler's only way to reach providers. */
public final class ProviderRegistry {
    private final Map<String, ProbeProvider> byType = new LinkedHashMap<>();

    public ProviderRegistry(Collection<? extends ProbeProvider> providers) {
        for (ProbeProvider p : providers) {
            for (String type : p.probeTypes()) byType.putIfAbsent(type, p);
        }
    }

    public Optional<ProbeProvider> forType(String probeType) { return Optional.ofNullable(byType.get(probeType)); }

    /** Distinct providers in registration order. */
    public List<ProbeProvider> all() { return byType.values().stream().distinct().toList(); }
}
