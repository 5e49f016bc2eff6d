package io.jbpftrace.flamegraph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stacks merged into a tree by frame name, root first; siblings are sorted by name, which is how a
 * flame graph orders them (its x axis is not time).
 */
final class CallTree {
    private final Frame frame;
    private final Map<String, CallTree> children = new TreeMap<>();
    private long value;

    private CallTree(Frame frame) { this.frame = frame; }

    static CallTree of(StackProfile profile) {
        CallTree root = new CallTree(Frame.key("all"));
        for (Map.Entry<List<Frame>, Long> e : profile.stacks().entrySet()) root.add(e.getKey(), e.getValue());
        return root;
    }

    private void add(List<Frame> stack, long weight) {
        CallTree node = this;
        node.value += weight;
        for (Frame f : stack) {
            node = node.children.computeIfAbsent(f.name(), n -> new CallTree(f));
            node.value += weight;
        }
    }

    Frame frame() { return frame; }

    /** Samples in this frame and everything it called. */
    long value() { return value; }

    Collection<CallTree> children() { return children.values(); }

    /** Frames on the longest path, the root included. */
    int depth() {
        int deepest = 0;
        for (CallTree c : children.values()) deepest = Math.max(deepest, c.depth());
        return deepest + 1;
    }
}
