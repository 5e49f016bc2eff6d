package io.jbpftrace.codegen;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Stmt;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class GeneratedProgramTest {
    private final Stmt.While outer = new Stmt.While(null, null, null);
    private final Stmt.While inner = new Stmt.While(null, null, null);
    private final Node body = Mockito.mock(Node.class);

    /** outer's condition, inner's condition, inner's body, inner's back jump, outer's back jump, then code after both. */
    private final GeneratedProgram program = new GeneratedProgram(null, List.of(), List.of(), List.of(),
            Arrays.asList(outer, inner, body, inner, outer, body));

    @Test
    void anInstructionOfANestedBodyBelongsToTheInnermostLoop() {
        assertSame(inner, program.loopAround(2));
        assertSame(outer, program.loopAround(4));
    }

    @Test
    void anInstructionAfterEveryLoopHasNone() {
        assertNull(program.loopAround(5));
    }
}
