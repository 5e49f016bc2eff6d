package io.jbpftrace.launcher;

import io.jbpftrace.codegen.GeneratedProgram;
import io.jbpftrace.kernel.VerifierException;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.passes.CompileContext;

/**
 * The verifier rejected one probe's program, told in the script's terms: the probe as written with
 * its position, the statement the failing instruction was generated for (source line and caret),
 * the kernel's reason, a plain-words hint, and the raw log only under {@code -v}.
 */
final class ProbeRejected extends Exception {
    private final transient CompileContext context;
    private final transient GeneratedProgram program;
    private final VerifierException rejection;

    ProbeRejected(CompileContext context, GeneratedProgram program, VerifierException rejection) {
        super(rejection.getMessage(), rejection);
        this.context = context;
        this.program = program;
        this.rejection = rejection;
    }

    /** @param verbose -v: append the whole verifier log */
    String report(boolean verbose) {
        String log = rejection.log() == null ? "" : rejection.log();
        var probe = program.instance().attachPoint();
        String where = context.program().fileName() + ":" + probe.pos();
        int insn = VerifierLog.failingInstruction(log);
        Node statement = insn < 0 ? null : program.sourceOf(insn);
        String reason = VerifierLog.reason(log);
        Node loop = reason != null && reason.startsWith("infinite loop") ? program.loopAround(insn) : null;
        if (loop != null) statement = loop;
        if (reason == null) reason = rejection.getMessage().replaceFirst("^[^:]*: ", "");
        String message;
        Node at;
        if (statement == null || statement == program.instance().probe()) {
            message = "the kernel's verifier rejected probe " + probe.raw() + ": " + reason;
            at = probe;
        } else {
            message = "the kernel's verifier rejected probe " + probe.raw() + " (" + where + ") at this statement: " + reason;
            at = statement;
        }
        StringBuilder out = new StringBuilder(context.error(at, message).format());
        String hint = VerifierLog.hint(log.lines().toList());
        if (hint != null) out.append("\nHINT: ").append(hint);
        if (log.isBlank()) out.append("\n(the kernel gave no verifier log)");
        else if (verbose) out.append("\nverifier log (").append(log.lines().count()).append(" lines):\n").append(log.stripTrailing());
        else out.append("\nuse -v for the verifier log (").append(log.lines().count()).append(" lines)");
        return out.toString();
    }
}
