package io.jbpftrace.provider.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerActivatorTest {

    @Test
    void registersProfileAndIntervalWithTheirProbeTypes() throws Exception {
        assertEquals(List.of(List.of("profile", "p"), List.of("interval", "i")), Activators.registeredProbeTypes(new TimerActivator()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        Activators.assertServiceLoaderFinds("ProfileProvider", "IntervalProvider");
    }
}
