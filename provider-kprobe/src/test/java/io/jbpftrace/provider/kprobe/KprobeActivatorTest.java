package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.testsupport.Activators;
import java.util.List;
import org.junit.jupiter.api.Test;

class KprobeActivatorTest {

    @Test
    void registersAllFourProbeFamiliesWithTheirTypes() throws Exception {
        assertEquals(List.of(List.of("kprobe", "k"), List.of("kretprobe", "kr"), List.of("kfunc", "f"), List.of("kretfunc", "fr")), Activators.registeredProbeTypes(new KprobeActivator()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        Activators.assertServiceLoaderFinds("KprobeProvider", "KretprobeProvider", "KfuncProvider", "KretfuncProvider");
    }
}
