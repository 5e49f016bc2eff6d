package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.spi.ProbeException;
import org.junit.jupiter.api.Test;

class FunctionSpecTest {

    @Test void parsesEachForm() throws ProbeException {
        assertEquals(new FunctionSpec.Symbol("add", 0, "add"), FunctionSpec.parse("add"));
        assertEquals(new FunctionSpec.Symbol("add", 16, "add+0x10"), FunctionSpec.parse("add+0x10"));
        assertEquals(new FunctionSpec.Symbol("add", 3, "add+3"), FunctionSpec.parse("add+3"));
        assertEquals(new FunctionSpec.Address(0x1139, "0x1139"), FunctionSpec.parse("0x1139"));
        assertEquals(new FunctionSpec.Address(4409, "4409"), FunctionSpec.parse("4409"));
        assertEquals(new FunctionSpec.Pattern("read*"), FunctionSpec.parse("read*"));
    }

    @Test void rejectsBadNumbers() {
        assertEquals("invalid uprobe offset or address: add+zz",
                assertThrows(ProbeException.class, () -> FunctionSpec.parse("add+zz")).getMessage());
        assertThrows(ProbeException.class, () -> FunctionSpec.parse("0xgg"));
        assertThrows(ProbeException.class, () -> FunctionSpec.parse(""));
    }
}
