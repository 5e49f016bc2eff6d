package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsdtActivatorTest {

    @Test
    void registersTheProviderWithItsProbeTypes() throws Exception {
        assertEquals(List.of(List.of("usdt", "U")), Activators.registeredProbeTypes(new UsdtActivator()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        Activators.assertServiceLoaderFinds("UsdtProvider");
    }
}
