package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ScriptParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config block and BPFTRACE_* variables: names, values, precedence and errors. */
class ScriptConfigTest {
    private static ScriptConfig resolve(String config, Map<String, String> env) {
        return ScriptConfig.resolve(ScriptParser.parse("stdin", config + " BEGIN { exit(); }"), env);
    }

    @Test void defaults() {
        assertEquals(new ScriptConfig(64, 4096, "bpftrace"), resolve("", Map.of()));
    }

    @Test void blockKeysAnyCaseWithOrWithoutPrefix() {
        assertEquals(new ScriptConfig(100, 2, "perf"),
                resolve("config = { MAX_STRLEN = 100; bpftrace_max_map_keys = 2; stack_mode = perf; log_size = 5; cpp_demangle = 0 }", Map.of()));
    }

    @Test void environmentWinsOverTheBlockAndKnowsBpftrace017Names() {
        assertEquals(new ScriptConfig(10, 7, "raw"), resolve("config = { max_strlen = 100; max_map_keys = 3 }",
                Map.of("BPFTRACE_STRLEN", "10", "BPFTRACE_MAP_KEYS_MAX", "7", "BPFTRACE_STACK_MODE", "raw")));
        assertEquals(20, resolve("", Map.of("BPFTRACE_MAX_STRLEN", "20")).maxStrlen());
    }

    @Test void blockErrors() {
        assertEquals("Unrecognized config variable: nope", assertThrows(CompileError.class, () -> resolve("config = { nope = 1 }", Map.of())).getMessage());
        assertEquals("vmlinux can only be set as an environment variable",
                assertThrows(CompileError.class, () -> resolve("config = { BPFTRACE_VMLINUX = \"x\" }", Map.of())).getMessage());
        assertEquals("Invalid value for cpp_demangle. Needs to be 0 or 1. Value: 2",
                assertThrows(CompileError.class, () -> resolve("config = { cpp_demangle = 2 }", Map.of())).getMessage());
        assertEquals("Invalid type for stack_mode. Type: integer. Expected Type: stack_mode",
                assertThrows(CompileError.class, () -> resolve("config = { stack_mode = 1 }", Map.of())).getMessage());
    }

    @Test void environmentErrors() {
        assertThrows(ScriptConfig.EnvironmentError.class, () -> resolve("", Map.of("BPFTRACE_STRLEN", "201")));
        assertThrows(ScriptConfig.EnvironmentError.class, () -> resolve("", Map.of("BPFTRACE_MAP_KEYS_MAX", "0")));
        assertThrows(ScriptConfig.EnvironmentError.class, () -> resolve("", Map.of("BPFTRACE_STACK_MODE", "fancy")));
    }
}
