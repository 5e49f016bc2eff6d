package io.jbpftrace.flamegraph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Weighted stacks, root frame first; adding the same stack twice adds up its weights. */
public final class StackProfile {
    private final Map<List<Frame>, Long> stacks = new LinkedHashMap<>();
    private long total;

    /** Adds {@code value} samples of a stack given root first; non-positive values are ignored. */
    public StackProfile add(List<Frame> rootFirst, long value) {
        if (value <= 0) return this;
        stacks.merge(List.copyOf(rootFirst), value, Long::sum);
        total += value;
        return this;
    }

    /** Every distinct stack and its summed weight, in the order first added. */
    public Map<List<Frame>, Long> stacks() { return Collections.unmodifiableMap(stacks); }

    public long total() { return total; }

    public boolean isEmpty() { return stacks.isEmpty(); }
}
