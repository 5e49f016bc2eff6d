package io.jbpftrace.passes;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.ast.Stmt;
import java.util.List;

/**
 * What every pass may need: the script (for positioned errors), the command line's positional
 * parameters, whether unsafe functions (system, signal) were allowed with --unsafe, and the
 * CLOCK_MONOTONIC time the trace counts {@code elapsed} from (System.nanoTime uses that clock on Linux),
 * and the config variables in effect (script config block and environment).
 */
public record CompileContext(Program program, List<String> positionalParams, boolean unsafe, long startNanos,
                             ScriptConfig config, int helperChecks) {

    /** Default config, without helper checks. */
    public CompileContext(Program program, List<String> positionalParams, boolean unsafe, long startNanos) {
        this(program, positionalParams, unsafe, startNanos, ScriptConfig.DEFAULTS, 0);
    }

    /** Without helper checks. */
    public CompileContext(Program program, List<String> positionalParams, boolean unsafe, long startNanos, ScriptConfig config) {
        this(program, positionalParams, unsafe, startNanos, config, 0);
    }

    /**
     * Where bpftrace reports a failed helper call (-k, -kk): an aggregation's call, a map assignment's '=', an
     * operator (a dereference's '*'), otherwise the whole node.
     */
    public CompileError helperSite(Node at, String message) {
        if (at instanceof Stmt.AssignMap a && a.value() instanceof Expr.Call c && AggKind.ofFunction(c.name()) != null) return error(c, message);
        if (at instanceof Stmt.AssignMap a) return error(spans().assignOperator(a), message);
        if (at instanceof Expr.Unary u) return error(u, u.op().length(), message);
        return error(at, message);
    }

    /** An error underlining the whole node, as bpftrace does. */
    public CompileError error(Node at, String message) {
        return error(spans().glued(at.pos(), spans().length(at)), message);
    }

    /** An error starting at {@code first} and underlining through the end of {@code whole}. */
    public CompileError error(Node first, Node whole, String message) {
        return error(spans().glued(first.pos(), spans().length(first, whole)), message);
    }

    /** An error over a range bpftrace computes apart from any one node (see {@link SourceSpans}). */
    CompileError error(SourceSpans.Span span, String message) {
        return new CompileError(program.fileName(), program.source(), span.start(), span.length(), message);
    }

    SourceSpans spans() { return new SourceSpans(program.source()); }

    public CompileError error(Node at, int length, String message) {
        return error(spans().glued(at.pos(), length), message);
    }
}
