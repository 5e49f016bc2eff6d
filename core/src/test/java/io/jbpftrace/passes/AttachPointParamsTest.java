package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Positional parameters standing for a whole attach point field, as bpftrace expands them. */
class AttachPointParamsTest {
    @Test
    void aWholeFieldIsReplaced() {
        assertEquals("usdt:/opt/jdk/lib/server/libjvm.so:hotspot:gc__begin",
                ProbeExpansionPass.withParams("usdt:$1:hotspot:gc__begin", List.of("/opt/jdk/lib/server/libjvm.so")));
        assertEquals("uprobe:/bin/sh:main", ProbeExpansionPass.withParams("uprobe:$2:$1", List.of("main", "/bin/sh")));
        assertEquals("interval:s:5", ProbeExpansionPass.withParams("interval:s:$1", List.of("5")));
    }

    @Test
    void aMissingParameterIsEmpty() {
        assertEquals("usdt::hotspot:gc__begin", ProbeExpansionPass.withParams("usdt:$1:hotspot:gc__begin", List.of()));
    }

    @Test
    void partOfAFieldIsLeftAlone() {
        // bpftrace rejects these as syntax errors; here the provider reports the literal text.
        assertEquals("uprobe:/x/$1/y:f", ProbeExpansionPass.withParams("uprobe:/x/$1/y:f", List.of("a")));
        assertEquals("uprobe:/bin/a$1:f", ProbeExpansionPass.withParams("uprobe:/bin/a$1:f", List.of("b")));
    }

    @Test
    void replacementTextIsTakenLiterally() {
        assertEquals("uprobe:/tmp/$x\\y:f", ProbeExpansionPass.withParams("uprobe:$1:f", List.of("/tmp/$x\\y")));
    }
}
