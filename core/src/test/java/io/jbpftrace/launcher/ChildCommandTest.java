package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** -c is split at spaces like bpftrace 0.17 (checked against it: `/usr/bin/printf [%s] a  b  ` prints [a][][b][]). */
class ChildCommandTest {
    @Test void splitsAtEachSpaceKeepingEmptyArgumentsButNoTrailingOne() {
        assertEquals(List.of("/usr/bin/printf", "[%s]", "a", "", "b", ""), ChildCommand.split("/usr/bin/printf [%s] a  b  "));
    }

    @Test void shellCharactersAreArguments() throws Exception {
        ChildCommand c = ChildCommand.parse("/bin/true ; touch /tmp/pwned | $(id) 'q'", "");
        assertEquals(List.of("/bin/true", ";", "touch", "/tmp/pwned", "|", "$(id)", "'q'"), c.argv());
        // glued to the program, `;` makes a name that does not exist, as in bpftrace
        assertThrows(ChildCommand.Failure.class, () -> ChildCommand.parse("/bin/true; touch /tmp/pwned", ""));
    }

    @Test void aBareNameIsLookedUpInPath() throws Exception {
        assertEquals("/bin/true", ChildCommand.parse("true x", "/nonexistent:/bin").argv().get(0));
    }

    @Test void missingProgramsAndEmptyCommandsAreOneError() {
        assertEquals("Failed to fork child: path 'nonexistent-cmd' does not exist or is not executable",
                assertThrows(ChildCommand.Failure.class, () -> ChildCommand.parse("nonexistent-cmd a", "/bin")).getMessage());
        assertEquals("Failed to fork child: path '/etc' does not exist or is not executable",
                assertThrows(ChildCommand.Failure.class, () -> ChildCommand.parse("/etc", "/bin")).getMessage());
        assertEquals("Failed to fork child: empty command",
                assertThrows(ChildCommand.Failure.class, () -> ChildCommand.parse("", "/bin")).getMessage());
    }
}
