package io.jbpftrace.provider.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimerSpecTest {

    private static TimerSpec parse(String type, String raw) throws ProbeException {
        return TimerSpec.parse(type, AttachPoint.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({
        "profile,  profile:hz:99,   profile:hz:99,   99,            true",
        "profile,  p:ms:10,         profile:ms:10,   10000000,      false",
        "profile,  profile:us:250,  profile:us:250,  250000,        false",
        "profile,  profile:hz:0x10, profile:hz:16,   16,            true",
        "profile,  profile:hz:1e3,  profile:hz:1000, 1000,          true",
        "interval, i:s:1,           interval:s:1,    1000000000,    false",
        "interval, interval:hz:2,   interval:hz:2,   2,             true",
    })
    void parsesToCanonicalNameAndCpuClockEvent(String type, String raw, String name, long period, boolean freq)
            throws ProbeException {
        TimerSpec spec = parse(type, raw);
        assertEquals(name, spec.probeName());
        assertEquals(PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, period, freq),
                spec.perfEventAttr());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "profile  | profile:xx:1     | xx is not an accepted unit of time",
        "interval | interval:ns:100  | ns is not an accepted unit of time",
        "interval | interval:s:0     | interval frequency should be a positive integer",
        "profile  | profile:us:-1    | profile frequency should be a positive integer",
        "profile  | profile:s:abc    | profile frequency should be a positive integer",
        "profile  | profile:hz:      | profile frequency should be a positive integer",
        "profile  | profile:99       | profile probe type requires 2 arguments",
        "interval | i:s              | interval probe type requires 2 arguments",
        "profile  | profile:s:1:2    | profile probe type requires 2 arguments",
        "interval | interval:s:99999999999 | interval period is too long: 99999999999 s",
    })
    void rejectsBadProbesWithBpftraceWording(String type, String raw, String message) {
        assertEquals(message, assertThrows(ProbeException.class, () -> parse(type, raw)).getMessage());
    }
}
