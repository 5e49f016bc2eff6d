package io.jbpftrace.passes;

import io.jbpftrace.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * What {@code for ($kv : @map)} may iterate and what {@code $kv} holds: the tuple (key, value),
 * the key itself a tuple when the map has several keys. Counts, sums, minimums and maximums give
 * their value merged over CPUs; avg, stats and histograms have no single value and are refused,
 * as bpftrace does.
 */
public final class MapIteration {
    private MapIteration() {}

    /** Why {@code kind} can not be iterated, or empty when it can. */
    public static Optional<String> refusal(AggKind kind, List<Type> keys) {
        return switch (kind) {
            case AVG, STATS, HIST, LHIST -> Optional.of("Loop expression does not support type: " + kind.name().toLowerCase());
            default -> keys.isEmpty() ? Optional.of("Maps used as for-loop expressions must have keys to iterate over") : Optional.empty();
        };
    }

    /** The loop variable's type for a map with these keys and value. */
    public static Type.Tuple element(List<Type> keys, AggKind kind, Type value) {
        Type key = keys.size() == 1 ? keys.get(0) : new Type.Tuple(keys);
        return new Type.Tuple(List.of(key, kind == AggKind.VALUE ? value : Type.Int.S64));
    }
}
