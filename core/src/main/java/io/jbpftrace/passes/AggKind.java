package io.jbpftrace.passes;

/** What a map holds: a plain assigned value or one of the aggregation functions. */
public enum AggKind {
    VALUE, COUNT, SUM, MIN, MAX, AVG, STATS, HIST, LHIST;

    /** Aggregations are kept per CPU and merged when read. */
    public boolean perCpu() { return this != VALUE; }

    public static AggKind ofFunction(String name) {
        return switch (name) {
            case "count" -> COUNT;
            case "sum" -> SUM;
            case "min" -> MIN;
            case "max" -> MAX;
            case "avg" -> AVG;
            case "stats" -> STATS;
            case "hist" -> HIST;
            case "lhist" -> LHIST;
            default -> null;
        };
    }
}
