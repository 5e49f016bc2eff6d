package io.jbpftrace.passes;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Program;
import java.util.List;

/**
 * What every pass may need: the script (for positioned errors), the command line's positional
 * parameters, whether unsafe functions (system, signal) were allowed with --unsafe, and the
 * CLOCK_MONOTONIC time the trace counts {@code elapsed} from (System.nanoTime uses that clock on Linux).
 */
public record CompileContext(Program program, List<String> positionalParams, boolean unsafe, long startNanos) {

    public CompileError error(Node at, String message) {
        return new CompileError(program.fileName(), program.source(), at.pos(), message);
    }

    public CompileError error(Node at, int length, String message) {
        return new CompileError(program.fileName(), program.source(), at.pos(), length, message);
    }
}
