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

    /**
     * The innermost while loop whose instructions (its condition and back jump) surround
     * {@code index}, or null: a statement of the loop body is not what the verifier's "infinite
     * loop" complaint is about.
     */
    public Node loopAround(int index) {
        java.util.Map<Node, int[]> spans = new java.util.IdentityHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Node n = sources.get(i);
            if (n instanceof io.jbpftrace.lang.ast.Stmt.While) spans.computeIfAbsent(n, k -> new int[] {Integer.MAX_VALUE, -1});
            int[] span = spans.get(n);
            if (span != null) {
                span[0] = Math.min(span[0], i);
                span[1] = Math.max(span[1], i);
            }
        }
        Node best = null;
        int bestLength = Integer.MAX_VALUE;
        for (var e : spans.entrySet()) {
            int[] span = e.getValue();
            if (span[0] <= index && index <= span[1] && span[1] - span[0] < bestLength) {
                best = e.getKey();
                bestLength = span[1] - span[0];
            }
        }
        return best;
    }
}
