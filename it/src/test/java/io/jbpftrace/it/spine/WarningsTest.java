package io.jbpftrace.it.spine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bpftrace's sign warnings go to stderr and the script still runs. The expected text is what
 * bpftrace 0.17 printed for the same scripts, in our position format (caret, not a column range).
 */
@ExtendWith(RequiresRoot.class)
class WarningsTest {

    @Test
    void signedDivisionIsWarnedAbout() {
        String script = "BEGIN { $x = 5; printf(\"%d\\n\", $x / 2); exit(); }";
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Attaching 1 probe...\n2\n\n\n", r.stdout());
        assertEquals("stdin:1:35: WARNING: signed operands for '/' can lead to undefined behavior (cast to unsigned to silence warning)\n"
                + script + "\n" + " ".repeat(34) + "^\n", r.stderr());
    }

    @Test
    void mixedSignsAreWarnedAboutInSourceOrder() {
        String script = "BEGIN { $u = (uint64)5; $s = 5; $u += $s; printf(\"%d %d\\n\", $u == $s, 10 % (int32)3); exit(); }";
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Attaching 1 probe...\n0 1\n\n\n", r.stdout());
        assertEquals("stdin:1:36: WARNING: arithmetic on integers of different signs: 'unsigned int64' and 'int64' can lead to undefined behavior\n"
                + script + "\n" + " ".repeat(35) + "^~\n"
                + "stdin:1:64: WARNING: comparison of integers of different signs: 'unsigned int64' and 'int64' can lead to undefined behavior\n"
                + script + "\n" + " ".repeat(63) + "^~\n"
                + "stdin:1:74: WARNING: signed operands for '%' can lead to undefined behavior (cast to unsigned to silence warning)\n"
                + script + "\n" + " ".repeat(73) + "^\n", r.stderr());
    }

    @Test
    void oneUnsignedOperandMakesTheResultUnsigned() {
        // bpftrace: signed only if both operands are, so nothing to warn about and @d wraps around.
        String script = "BEGIN { $u = (uint64)50000 / 1000; @d = (uint64)3 - 5; printf(\"%d %d\\n\", $u / 7, (5 - (uint64)3) / 2); exit(); }";
        Jbpftrace.Result r = Jbpftrace.run("-e", script);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("Attaching 1 probe...\n7 1\n\n\n@d: 18446744073709551614\n", r.stdout());
        assertEquals("", r.stderr());
    }
}
