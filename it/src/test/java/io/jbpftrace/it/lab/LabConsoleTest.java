package io.jbpftrace.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The console protocol, without booting anything. */
class LabConsoleTest {

    @Test
    void splitsStdoutStderrAndExitCodeAmidBootNoise() {
        LabConsole c = new LabConsole("SeaBIOS\r\nBooting from ROM...\r\n\u001bc\u001b[2JLAB-BEGIN\r\nhello\r\nworld\r\nLAB-END\r\n"
                + "LAB-STDERR-BEGIN\r\noops\r\nLAB-STDERR-END\r\nLAB-EXIT 3\r\n[    8.5] reboot: Power down\r\n");
        assertEquals("hello\nworld\n", c.stdout());
        assertEquals("oops\n", c.stderr());
        assertEquals(OptionalInt.of(3), c.exitCode());
    }

    @Test
    void emptyOutputsAndAnUnterminatedLastLine() {
        LabConsole c = new LabConsole("LAB-BEGIN\nno newlineLAB-END\nLAB-STDERR-BEGIN\nLAB-STDERR-END\nLAB-EXIT 0\n");
        assertEquals("no newline", c.stdout());
        assertEquals("", c.stderr());
        assertEquals(OptionalInt.of(0), c.exitCode());
    }

    @Test
    void aCommandThatNeverFinishedKeepsItsOutputAndHasNoExitCode() {
        LabConsole c = new LabConsole("boot\nLAB-BEGIN\npartial\n");
        assertEquals("partial\n", c.stdout());
        assertEquals(OptionalInt.empty(), c.exitCode());
        assertEquals("", new LabConsole("kernel panic\n").stdout());
    }

    @Test
    void labFailureBeforeTheCommand() {
        assertEquals(OptionalInt.of(125), new LabConsole("LAB-ERROR insmod 9p\nLAB-EXIT 125\n").exitCode());
    }
}
