package io.jbpftrace.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.bpf.Helper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpftrace 0.17: -k checks helpers except reads, -kk all of them. */
class HelperChecksTest {
    @ParameterizedTest
    @CsvSource({
        "MAP_UPDATE_ELEM, 0, false", "MAP_UPDATE_ELEM, 1, true", "MAP_DELETE_ELEM, 1, true",
        "PROBE_READ, 1, false", "PROBE_READ, 2, true", "PROBE_READ_USER_STR, 2, true", "MAP_LOOKUP_ELEM, 2, false",
    })
    void levels(Helper helper, int level, boolean checked) {
        assertEquals(checked, HelperChecks.checked(helper, level));
    }
}
