package io.jbpftrace.provider.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfActivatorTest {

    @Test
    void registersSoftwareAndHardwareWithTheirProbeTypes() throws Exception {
        assertEquals(List.of(List.of("software", "s"), List.of("hardware", "h")), Activators.registeredProbeTypes(new PerfActivator()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        Activators.assertServiceLoaderFinds("SoftwareProvider", "HardwareProvider");
    }
}
