package io.jbpftrace.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.registry.testbundle.FixedTypeProvider;
import org.junit.jupiter.api.Test;

class ProviderDescriptionTest {

    @Test
    void versionsLoseQualifiersAndSnapshotSuffixes() {
        assertEquals("0.1.0", ProviderDescription.shortVersion("0.1.0.202612062006"));
        assertEquals("0.1.0", ProviderDescription.shortVersion("0.1.0-SNAPSHOT"));
        assertEquals("2.3", ProviderDescription.shortVersion("2.3"));
        assertEquals("1", ProviderDescription.shortVersion("1.x.5"));
        assertEquals("unknown", ProviderDescription.shortVersion(null));
    }

    @Test
    void lineNamesTheCanonicalTypeVersionAndOrigin() {
        assertEquals("tracepoint 1.2.3 (io.x.tracepoint)",
                ProviderDescription.of(new FixedTypeProvider("tracepoint"), "1.2.3", "io.x.tracepoint"));
    }
}
