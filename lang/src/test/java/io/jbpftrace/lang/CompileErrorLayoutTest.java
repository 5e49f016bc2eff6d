package io.jbpftrace.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.lang.ast.Pos;
import org.junit.jupiter.api.Test;

/** Where the caret and underline land under the source line. */
class CompileErrorLayoutTest {
    private static String layout(String source, int line, int col, int length) {
        return new CompileError("t.bt", source, new Pos(line, col), length, "boom").format();
    }

    @Test
    void caretUnderTheColumnWithTheSpanUnderlined() {
        assertEquals("t.bt:1:9: ERROR: boom\nBEGIN { foo(1); }\n        ^~~", layout("BEGIN { foo(1); }", 1, 9, 3));
    }

    @Test
    void tabsAreShownAsFourSpacesAndTheCaretFollowsThem() {
        // bpftrace shows each tab as four spaces; columns still count a tab as one character
        assertEquals("t.bt:2:8: ERROR: boom\n        @x = foo(1);\n             ^~~",
                layout("BEGIN {\n\t\t@x = foo(1);\n}", 2, 8, 3));
        assertEquals("t.bt:2:12: ERROR: boom\n    @x = 1 +     foo(1);\n" + " ".repeat(17) + "^~~",
                layout("BEGIN {\n\t@x = 1 +\t foo(1);\n}", 2, 12, 3));
    }

    @Test
    void aTabInsideTheSpanWidensTheUnderline() {
        assertEquals("t.bt:1:1: ERROR: boom\na    b\n^~~~~~", layout("a\tb", 1, 1, 3));
    }

    @Test
    void anErrorAtTheEndOfTheLinePutsTheCaretJustAfterIt() {
        assertEquals("t.bt:1:6: ERROR: boom\nBEGIN\n     ^", layout("BEGIN", 1, 6, 4));
    }
}
