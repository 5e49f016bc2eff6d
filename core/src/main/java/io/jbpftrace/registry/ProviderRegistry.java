package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Finds the provider owning a probe type; the compiler's only way to reach providers. Providers
 * from a slow source (the OSGi framework) may arrive late: they are waited for only when a probe
 * type is not among the ones already known, so BEGIN/END scripts never wait for them.
 */
public final class ProviderRegistry {
    private final Map<String, ProbeProvider> byType = new LinkedHashMap<>();
    private final Supplier<? extends Collection<? extends ProbeProvider>> late;
    private boolean arrived;
    private BooleanSupplier heldBack;

    public ProviderRegistry(Collection<? extends ProbeProvider> providers) {
        this(providers, null);
    }

    /** @param late providers to add on first need (may block, e.g. until a framework has started) */
    public ProviderRegistry(Collection<? extends ProbeProvider> providers, Supplier<? extends Collection<? extends ProbeProvider>> late) {
        this(providers, late, null);
    }

    /**
     * @param heldBack starts providers the source held back (see {@link ProviderSource#startHeldBack()});
     *                 called once, when a probe type is still unknown after the late providers came
     */
    public ProviderRegistry(Collection<? extends ProbeProvider> providers, Supplier<? extends Collection<? extends ProbeProvider>> late,
                            BooleanSupplier heldBack) {
        add(providers);
        this.late = late;
        this.heldBack = heldBack;
    }

    private void add(Collection<? extends ProbeProvider> providers) {
        for (ProbeProvider p : providers) {
            for (String type : p.probeTypes()) byType.putIfAbsent(type, p);
        }
    }

    private void arrive() {
        if (arrived || late == null) return;
        arrived = true;
        add(late.get());
    }

    /** Once: what the source held back, then the providers it has after that. */
    private void startHeldBack() {
        BooleanSupplier start = heldBack;
        heldBack = null;
        if (start != null && start.getAsBoolean()) add(late.get());
    }

    public synchronized Optional<ProbeProvider> forType(String probeType) {
        if (!byType.containsKey(probeType)) arrive();
        if (!byType.containsKey(probeType)) startHeldBack();
        return Optional.ofNullable(byType.get(probeType));
    }

    /** Distinct providers in registration order. */
    public synchronized List<ProbeProvider> all() {
        arrive();
        startHeldBack();
        return byType.values().stream().distinct().toList();
    }
}
