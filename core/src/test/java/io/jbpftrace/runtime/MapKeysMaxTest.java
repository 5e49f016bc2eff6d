package io.jbpftrace.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MapKeysMaxTest {
    @ParameterizedTest
    @CsvSource(value = {"null, 4096", "2, 2", "' 100 ', 100", "0, 4096", "lots, 4096"}, nullValues = "null")
    void bpftracesVariableOrTheDefault(String env, int expected) {
        assertEquals(expected, Tracer.mapKeysMax(env));
    }
}
