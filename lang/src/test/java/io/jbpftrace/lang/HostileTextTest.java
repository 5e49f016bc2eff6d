package io.jbpftrace.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes that are not UTF-8, and nesting past the limits, end in one positioned error. */
class HostileTextTest {

    @Test void validUtf8DecodesAsUsual() {
        String text = "BEGIN { printf(\"é ✓\\n\"); }";
        assertEquals(text, ScriptText.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test void anInvalidByteIsReportedAtItsLineAndColumn() {
        byte[] bytes = "BEGIN {\n  @x = \"?\";\n}".getBytes(StandardCharsets.UTF_8);
        bytes[16] = (byte) 0xff;
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("x.bt", ScriptText.decode(bytes)));
        assertEquals("x.bt:2:9: ERROR: invalid UTF-8 byte 0xff: scripts must be UTF-8 text\n  @x = \"?\";\n        ^", e.format());
    }

    @Test void aSequenceCutOffAtTheEndIsInvalidToo() {
        byte[] bytes = {'B', 'E', 'G', 'I', 'N', (byte) 0xe2, (byte) 0x82};
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", ScriptText.decode(bytes)));
        assertEquals("stdin:1:6: ERROR: invalid UTF-8 byte 0xe2: scripts must be UTF-8 text\nBEGIN??\n     ^", e.format());
    }

    @Test void aNulByteIsShownEscaped() {
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", "BEGIN { \0 }"));
        assertEquals("stdin:1:9: ERROR: invalid character '\\x00'\nBEGIN { ? }\n        ^", e.format());
    }

    @Test void nestingAtTheLimitParsesAndOneMoreLevelIsAnError() {
        int n = NestingLimit.MAX_DEPTH - 4; // probe, block, statement and the literal take 4 levels
        ScriptParser.parse("stdin", "BEGIN { @x = " + "!".repeat(n) + "1; }");
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", "BEGIN { @x = " + "!".repeat(n + 1) + "1; }"));
        assertEquals("stdin:1:" + (14 + n + 1) + ": ERROR: " + NestingLimit.MESSAGE, e.format().lines().findFirst().orElseThrow());
    }

    @Test void tenThousandParenthesesStopTheParserWithoutAStackOverflow() {
        String script = "BEGIN { @x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "; }";
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", script));
        assertEquals(NestingLimit.MESSAGE, e.getMessage());
    }

    @Test void aHundredThousandStatementsAreNotNesting() {
        String script = "BEGIN {\n" + "  @x = 1;\n".repeat(100_000) + "}";
        assertEquals(100_000, ScriptParser.parse("stdin", script).probes().get(0).body().stmts().size());
    }
}
