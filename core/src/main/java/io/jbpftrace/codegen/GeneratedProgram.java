package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.passes.ProbeInstance;
import java.util.List;

/**
 * One probe instance compiled: instructions with map references still to be patched with fds, where
 * its callback subprograms (for-loop bodies) start, and for each instruction the AST node (statement,
 * predicate or probe) it was generated for, so a verifier rejection can be told in the script's terms.
 */
public record GeneratedProgram(ProbeInstance instance, List<Insn> insns, List<Asm.MapRef> mapRefs, List<Integer> subprogramStarts,
                               List<Node> sources) {
    public GeneratedProgram(ProbeInstance instance, List<Insn> insns, List<Asm.MapRef> mapRefs, List<Integer> subprogramStarts) {
        this(instance, insns, mapRefs, subprogramStarts, List.of());
    }

    /** The node instruction {@code index} was generated for; the probe when unknown. */
    public Node sourceOf(int index) {
        Node n = index >= 0 && index < sources.size() ? sources.get(index) : null;
        return n != null ? n : instance.probe();
    }
}
