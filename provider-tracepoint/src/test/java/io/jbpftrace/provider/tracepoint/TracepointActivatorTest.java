package io.jbpftrace.provider.tracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracepointActivatorTest {

    @Test
    void registersTheProviderWithItsProbeTypes() throws Exception {
        assertEquals(List.of(List.of("tracepoint", "t")), Activators.registeredProbeTypes(new TracepointActivator()));
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        assertTrue(Activators.serviceLoaderProviders().contains("TracepointProvider"));
    }
}
