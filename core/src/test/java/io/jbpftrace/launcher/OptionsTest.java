package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
    @ParameterizedTest
    @CsvSource({"'', 0", "-k, 1", "-kk, 2", "-k -k, 2", "-kk -k, 2", "-qk, 1"})
    void helperChecksAsBpftraceCountsThem(String flags, int level) throws Exception {
        String line = (flags + " -e BEGIN{}").strip();
        assertEquals(level, Options.parse(line.split(" ")).helperChecks);
    }

    @ParameterizedTest
    @CsvSource({"-lv", "-vl", "-l -v"})
    void listFlagsMayBeBundledAndTakeThePatternAfterThem(String flags) throws Exception {
        Options o = Options.parse((flags + " tracepoint:sched:*").split(" "));
        assertTrue(o.list && o.verbose);
        assertEquals("tracepoint:sched:*", o.listPattern);
    }

    @Test
    void anUnknownLetterInABundleNamesTheWholeArgument() {
        var e = assertThrows(Options.UsageError.class, () -> Options.parse(new String[] {"-lz", "x"}));
        assertEquals("unrecognized option '-lz'", e.getMessage());
    }

    @Test
    void optionsWithAValueAreNotSplit() throws Exception {
        assertEquals("x.txt", Options.parse(new String[] {"-o", "x.txt", "-e", "BEGIN{}"}).outputFile);
        assertThrows(Options.UsageError.class, () -> Options.parse(new String[] {"-ox.txt", "-e", "BEGIN{}"}));
    }
}
