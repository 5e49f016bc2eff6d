package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
    @ParameterizedTest
    @CsvSource({"'', 0", "-k, 1", "-kk, 2", "-kk -k, 2"})
    void helperChecksAsBpftraceCountsThem(String flags, int level) throws Exception {
        String line = (flags + " -e BEGIN{}").strip();
        assertEquals(level, Options.parse(line.split(" ")).helperChecks);
    }
}
