package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Program;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How deep a script may nest: parentheses, blocks, else-if chains, operator chains. Every later pass
 * recurses over the AST, so the limit keeps them within {@link DeepStack}'s stack; the parser has its
 * own guard on its rule depth (a parenthesis alone is about 16 rules deep).
 */
public final class NestingLimit {
    /** AST levels: far beyond hand-written scripts, well within the deep stack. */
    public static final int MAX_DEPTH = 1000;
    /** Parser rule invocations active at once (16 per parenthesis level, 4 per if level). */
    public static final int MAX_RULE_DEPTH = 16 * MAX_DEPTH + 64;
    public static final String MESSAGE = "too deeply nested: more than " + MAX_DEPTH
            + " levels of parentheses, blocks, else-ifs or operators";

    private NestingLimit() {}

    /** Fails at the first node (in source order) that lies deeper than {@link #MAX_DEPTH}. */
    public static void check(Program program) {
        Deque<Object[]> todo = new ArrayDeque<>(); // {node, depth}, walked without recursion
        for (int i = program.probes().size() - 1; i >= 0; i--) todo.push(new Object[] {program.probes().get(i), 1});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            Node node = (Node) next[0];
            int depth = (Integer) next[1];
            if (depth > MAX_DEPTH) {
                Pos pos = node.pos();
                throw new CompileError(program.fileName(), program.source(), pos, MESSAGE);
            }
            List<Node> children = children(node);
            for (int i = children.size() - 1; i >= 0; i--) todo.push(new Object[] {children.get(i), depth + 1});
        }
    }

    /** The record components that are nodes or lists of nodes. */
    private static List<Node> children(Node node) {
        RecordComponent[] components = node.getClass().getRecordComponents();
        if (components == null) return List.of();
        List<Node> out = new java.util.ArrayList<>();
        for (RecordComponent c : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Node n) out.add(n);
            else if (value instanceof List<?> list) {
                for (Object o : list) if (o instanceof Node n) out.add(n);
            }
        }
        return out;
    }
}
