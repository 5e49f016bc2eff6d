package io.jbpftrace.registry;

import io.jbpftrace.spi.ProbeProvider;
import java.util.List;

/**
 * Where probe providers come from: an embedded OSGi framework for the CLI, or the classpath for
 * embedding and tests. Closing it releases whatever hosts the providers.
 */
public interface ProviderSource extends AutoCloseable {

    /** The providers found, in a stable order (bundle or classpath order). */
    List<ProbeProvider> providers();

    /** One line per provider naming its bundle or jar, for {@code --version} / {@code -v}. */
    List<String> describe();

    /** Bundles or jars that failed to install or start; empty when all went well. */
    default List<String> problems() { return List.of(); }

    @Override
    void close();
}
