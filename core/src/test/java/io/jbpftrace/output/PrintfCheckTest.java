package io.jbpftrace.output;

import static io.jbpftrace.output.Conversion.ArgType.BUFFER;
import static io.jbpftrace.output.Conversion.ArgType.INTEGER;
import static io.jbpftrace.output.Conversion.ArgType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile-time format checks; expected messages are bpftrace 0.17's (after "stdin:1:9-26: ERROR: "). */
class PrintfCheckTest {
    private static String error(String format, Conversion.ArgType... args) {
        return assertThrows(IllegalArgumentException.class, () -> Printf.check(format, List.of(args))).getMessage();
    }

    @Test
    void unsupportedSpecifiersAreLiteralTextSoTheArgumentIsTooMany() {
        for (String f : List.of("%i\n", "%+d\n", "%#x\n", "% d\n", "%e\n", "%ls\n", "%1$d\n")) {
            assertEquals("printf: Too many arguments for format string (1 supplied, 0 expected)", error(f, INTEGER), f);
        }
    }

    @Test
    void argumentCountMismatch() {
        assertEquals("printf: Not enough arguments for format string (1 supplied, 2 expected)", error("%d %d\n", INTEGER));
        assertEquals("printf: Too many arguments for format string (2 supplied, 1 expected)", error("%d\n", INTEGER, INTEGER));
    }

    @Test
    void typeMismatch() {
        assertEquals("printf: %s specifier expects a value of type string (integer supplied)", error("%s\n", INTEGER));
        assertEquals("printf: %d specifier expects a value of type integer (string supplied)", error("%d\n", STRING));
        assertEquals("printf: %r specifier expects a value of type buffer (integer supplied)", error("%r\n", INTEGER));
        assertEquals("printf: %s specifier expects a value of type string (buffer supplied)", error("%s\n", BUFFER));
    }

    @Test
    void conversionsCarryTheirParts() {
        List<Conversion> cs = Printf.check("a %-08.3lu %%d %5s", List.of(INTEGER, INTEGER, STRING));
        Conversion lu = cs.get(0);
        assertEquals(List.of(true, true, 8, 3, "l", 'u'),
                List.of(lu.leftAlign(), lu.zeroPad(), lu.width(), lu.precision(), lu.length(), lu.specifier()));
        assertEquals("lu", lu.token());
        assertEquals(List.of('d', 's'), List.of(cs.get(1).specifier(), cs.get(2).specifier()));
    }

    @Test
    void attachingLine() {
        assertEquals("Attaching 1 probe...\n", TextMapPrinter.probesAttachedLine(1));
        assertEquals("Attaching 3 probes...\n", TextMapPrinter.probesAttachedLine(3));
        assertEquals("{\"type\": \"lost_events\", \"data\": {\"events\": 4}}\n", JsonOutput.lostEvents(4));
        assertEquals("Lost 4 events\n", TextMapPrinter.lostEventsLine(4));
    }
}
