package io.jbpftrace.provider.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerfSpecTest {

    private static PerfSpec parse(String raw) throws ProbeException {
        AttachPoint ap = AttachPoint.parse(raw);
        return PerfSpec.parse(EventFamily.SOFTWARE.ownsType(ap.type()) ? EventFamily.SOFTWARE : EventFamily.HARDWARE, ap);
    }

    /** Probe names as bpftrace 0.17 prints them: the event as written, the count only when given. */
    @ParameterizedTest
    @CsvSource({
        "s:faults:1,                software:faults:1,             1, 2, 1",
        "software:page-faults,      software:page-faults,          1, 2, 100",
        "software:cpu:1e3,          software:cpu:1000,             1, 0, 1000",
        "software:cs:0x10,          software:cs:16,                1, 3, 16",
        "software:dummy:0,          software:dummy,                1, 9, 1",
        "software:cpu-clock:*,      software:cpu-clock,            1, 0, 1000000",
        "software:task-clock,       software:task-clock,           1, 1, 1",
        "software:minor-faults,     software:minor-faults,         1, 5, 100",
        "software:major-faults,     software:major-faults,         1, 6, 1",
        "software:context-switches, software:context-switches,     1, 3, 1000",
        "software:bpf-output,       software:bpf-output,           1, 10, 1",
        "hardware:cycles:1000,      hardware:cycles:1000,          0, 0, 1000",
        "h:cycles,                  hardware:cycles,               0, 0, 1000000",
        "h:branches,                hardware:branches,             0, 4, 100000",
        "hardware:instructions,     hardware:instructions,         0, 1, 1000000",
        "hardware:frontend-stalls,  hardware:frontend-stalls,      0, 7, 1000000",
        "hardware:ref-cycles:5,     hardware:ref-cycles:5,         0, 9, 5",
    })
    void namesAndPerfEvents(String raw, String name, int type, long config, long period) throws ProbeException {
        PerfSpec spec = parse(raw);
        assertEquals(name, spec.probeName());
        assertEquals(PerfEventAttr.sampling(type, config, period, false), spec.perfEventAttr());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "software:foo:1          | foo is not a software probe",
        "hardware:foo            | foo is not a hardware probe",
        "hardware:page-faults    | page-faults is not a hardware probe",
        "software:               | software probe must have a software event name",
        "s:*:1                   | wildcards are not allowed for software probe type",
        "h:cache*                | wildcards are not allowed for hardware probe type",
        "software:cpu-clock:1:2  | software probe type requires 1 or 2 arguments",
        "software                | software probe type requires 1 or 2 arguments",
        "software:cpu-clock:-1   | software count should be a positive integer",
        "software:cpu-clock:abc  | software count should be a positive integer",
        "hardware:cycles:-5      | hardware frequency should be a positive integer",
    })
    void rejectsBadProbesWithBpftraceWording(String raw, String message) {
        assertEquals(message, assertThrows(ProbeException.class, () -> parse(raw)).getMessage());
    }
}
