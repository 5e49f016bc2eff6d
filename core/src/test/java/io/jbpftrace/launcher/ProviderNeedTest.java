package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderNeedTest {

    @Test void beginAndEndOnlyNeedNoProviders() {
        assertFalse(ProviderNeed.mayNeedProviders("BEGIN { printf(\"a: %d\\n\", 1); exit(); } // x:y\nEND { /* a:b */ }"));
        assertFalse(ProviderNeed.mayNeedProviders("BEGIN { printf(\"\\\": still a string:\"); }"));
    }

    @Test void theWordsBeforeColonsIncludeEveryProbeType() {
        String script = "tracepoint:syscalls:sys_enter_read, t:sched:x /comm == \"a:b\"/ { @ = count(); }\n"
                + "uprobe:/bin/bash:readline { $x = pid ? 1 : 2; } // kprobe:commented\nU:/x:p:q {}";
        assertEquals(Set.of("tracepoint", "syscalls", "t", "sched", "uprobe", "bash", "U", "x", "p"), ProviderNeed.wordsBeforeColons(script));
    }

    @Test void anyProbeTypeMayNeedOne() {
        assertTrue(ProviderNeed.mayNeedProviders("tracepoint:syscalls:sys_enter_read { @ = count(); }"));
        assertTrue(ProviderNeed.mayNeedProviders("BEGIN { $x = 1 ? 2 : 3; }"), "a ternary is a harmless false alarm");
        assertTrue(ProviderNeed.mayNeedProviders(null), "no script: -l, -V");
    }
}
