package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where probe providers come from: an embedded OSGi framework for the CLI, or the classpath for
 * embedding and tests. Closing it releases whatever hosts the providers.
 */
public interface ProviderSource extends AutoCloseable {

    /** The providers found, in a stable order (bundle or classpath order). */
    List<ProbeProvider> providers();

    /**
     * Starts what the source held back (bundles whose probe types the script did not seem to name);
     * returns whether anything was started, after which {@link #providers()} may list more.
     */
    default boolean startHeldBack() { return false; }

    /** One line per provider naming its bundle or jar, for {@code --version} / {@code -v}. */
    List<String> describe();

    /**
     * Calls {@code listener} with a provider that is going away (its bundle is stopping), before it
     * is gone, so running traces can detach its probes. Sources whose providers never leave ignore it.
     */
    default void addRemovalListener(Consumer<ProbeProvider> listener) {}

    default void removeRemovalListener(Consumer<ProbeProvider> listener) {}

    /** Bundles or jars that failed to install or start; empty when all went well. */
    default List<String> problems() { return List.of(); }

    @Override
    void close();
}
