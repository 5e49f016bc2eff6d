package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProviderNeedTest {

    @Test void beginAndEndOnlyNeedNoProviders() {
        assertFalse(ProviderNeed.mayNeedProviders("BEGIN { printf(\"a: %d\\n\", 1); exit(); } // x:y\nEND { /* a:b */ }"));
        assertFalse(ProviderNeed.mayNeedProviders("BEGIN { printf(\"\\\": still a string:\"); }"));
    }

    @Test void anyProbeTypeMayNeedOne() {
        assertTrue(ProviderNeed.mayNeedProviders("tracepoint:syscalls:sys_enter_read { @ = count(); }"));
        assertTrue(ProviderNeed.mayNeedProviders("BEGIN { $x = 1 ? 2 : 3; }"), "a ternary is a harmless false alarm");
        assertTrue(ProviderNeed.mayNeedProviders(null), "no script: -l, -V");
    }
}
