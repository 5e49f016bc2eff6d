package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawArgumentsTest {
    private static byte[] cmdline(String... parts) {
        return (String.join("\0", parts) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test void theBytesWinOverTheLocalesDecoding() {
        // under the C locale the JVM hands U+FFFD for each byte of "é"
        String[] args = {"-e", "BEGIN { printf(\"\uFFFD\uFFFD\"); }"};
        assertArrayEquals(new String[] {"-e", "BEGIN { printf(\"é\"); }"},
                RawArguments.recover(args, cmdline("java", "-cp", "x", "io.jbpftrace.launcher.Main", "-e", "BEGIN { printf(\"é\"); }")));
    }

    @Test void anInvalidByteIsKeptForTheParserToReport() {
        byte[] raw = cmdline("java", "Main", "-e", "BEGIN { x }");
        raw[raw.length - 4] = (byte) 0xff; // the 'x'
        String[] recovered = RawArguments.recover(new String[] {"-e", "BEGIN { \uFFFD }"}, raw);
        assertArrayEquals(new String[] {"-e", "BEGIN { \uDCFF }"}, recovered);
    }

    @Test void aCommandLineThatDoesNotMatchIsIgnored() {
        String[] args = {"-e", "BEGIN { }"};
        assertArrayEquals(args, RawArguments.recover(args, cmdline("java", "-jar", "surefire.jar")));
        assertArrayEquals(args, RawArguments.recover(args, cmdline("x")));
    }
}
