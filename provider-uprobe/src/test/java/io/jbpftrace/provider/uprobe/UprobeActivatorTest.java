package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class UprobeActivatorTest {

    @Test
    void registersUprobeAndUretprobeWithTheirProbeTypes() throws Exception {
        assertEquals(List.of(List.of("uprobe", "u"), List.of("uretprobe", "ur")), Activators.registeredProbeTypes(new UprobeActivator()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        Activators.assertServiceLoaderFinds("UprobeProvider", "UretprobeProvider");
    }
}
