package io.jbpftrace.lang.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionalsTest {

    /** The kept lines of {@code source}, blank lines (blanked ones included) left out. */
    private static String kept(String source, Set<String> predefined) {
        String out = Conditionals.apply(source, predefined);
        assertEquals(source.length(), out.length(), "positions are kept");
        return String.join("|", out.lines().filter(l -> !l.isBlank()).toList());
    }

    @Test void ifndefOfAPredefinedNameDropsItsBranch() {
        String s = "#ifndef HAVE\n#include <a.h>\nstruct x { int a; };\n#else\n#include <b.h>\n#endif\nBEGIN {}\n";
        assertEquals("#include <b.h>|BEGIN {}", kept(s, Set.of("HAVE")));
        assertEquals("#include <a.h>|struct x { int a; };|BEGIN {}", kept(s, Set.of()));
    }

    @Test void definesCountAndNestingFollowsTheOuterBranch() {
        String s = "#define A 1\n#ifdef A\nx\n#ifdef B\ny\n#else\nz\n#endif\n#endif\n#ifdef B\nw\n#endif\n";
        assertEquals("#define A 1|x|z", kept(s, Set.of()));
        String dead = "#if 0\n#define A 1\n#endif\n#ifdef A\nx\n#endif\n";
        assertEquals("", kept(dead, Set.of()), "a define in a dropped branch defines nothing");
    }

    @Test void ifElifWithDefined() {
        String s = "#if defined(A)\na\n#elif !defined B\nb\n#elif 1\nc\n#else\nd\n#endif\n";
        assertEquals("a", kept(s, Set.of("A")));
        assertEquals("b", kept(s, Set.of()));
        assertEquals("c", kept(s, Set.of("B")));
    }

    @Test void scriptsWithoutDirectivesAreUntouched() {
        String s = "BEGIN { printf(\"#ifdef\\n\"); }";
        assertEquals(s, Conditionals.apply(s, Set.of()));
    }
}
