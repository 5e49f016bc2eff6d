package io.jbpftrace.output;

/**
 * Text rendering of hist() and lhist() values, one line per bucket:
 * a 16-column left-aligned label, an 8-column count, and a 52-column bar of '@'.
 */
final class HistogramText {
    private static final int BAR_WIDTH = 52;

    private HistogramText() {}

    /** Lines for a log2 histogram; empty when no bucket is set. Counts are divided by div, bars are not. */
    static String hist(long[] buckets, long div) {
        BucketRange range = BucketRange.ofPositive(buckets);
        if (range.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        for (int i = range.first(); i <= range.last(); i++) {
            line(out, histLabel(i), Long.divideUnsigned(buckets[i], div), range.barLength(buckets[i]));
        }
        return out.toString();
    }

    /** Lines for a linear histogram; print()'s div does not apply to lhist in bpftrace 0.17. */
    static String lhist(MapValue.LHist h) {
        long[] buckets = h.buckets();
        long steps = (h.max() - h.min()) / h.step();
        BucketRange range = BucketRange.ofLinear(buckets, steps);
        if (range.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        for (int i = range.first(); i <= range.last(); i++) {
            String label;
            if (i == 0) label = "(..., " + linearLabel(h.min()) + ")";
            else if (i == steps + 1) label = "[" + linearLabel(h.max()) + ", ...)";
            else label = "[" + linearLabel((i - 1) * h.step() + h.min()) + ", " + linearLabel(i * h.step() + h.min()) + ")";
            line(out, label, buckets[i], range.barLength(buckets[i]));
        }
        return out.toString();
    }

    static String histLabel(int index) {
        return switch (index) {
            case 0 -> "(..., 0)";
            case 1 -> "[0]";
            case 2 -> "[1]";
            default -> "[" + powerLabel(index - 2) + ", " + powerLabel(index - 1) + ")";
        };
    }

    /** 2^power with a K/M/G/T suffix for each full 10 powers. */
    static String powerLabel(int power) {
        String suffix = "";
        if (power >= 40) { suffix = "T"; power -= 40; }
        else if (power >= 30) { suffix = "G"; power -= 30; }
        else if (power >= 20) { suffix = "M"; power -= 20; }
        else if (power >= 10) { suffix = "K"; power -= 10; }
        return (1 << power) + suffix;
    }

    /** A bucket edge of lhist: exact multiples of 1M or 1K are abbreviated, everything else is plain. */
    static String linearLabel(long number) {
        if (number == 0) return "0";
        if (number % (1024 * 1024) == 0) return number / (1024 * 1024) + "M";
        if (number % 1024 == 0) return number / 1024 + "K";
        return Long.toString(number);
    }

    private static void line(StringBuilder out, String label, long count, int bar) {
        out.append(label);
        pad(out, 16 - label.length());
        String n = Long.toUnsignedString(count);
        pad(out, 8 - n.length());
        out.append(n).append(" |");
        out.append("@".repeat(bar));
        pad(out, BAR_WIDTH - bar);
        out.append("|\n");
    }

    private static void pad(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(' ');
    }

    /**
     * Which buckets get printed and how long their bars are. bpftrace reads counts into C ints for
     * this (wrapping above 2^31) and scales bars in single-precision float; both are mirrored here.
     */
    record BucketRange(int first, int last, int maxValue) {
        boolean isEmpty() { return last < 0; }

        int barLength(long count) {
            return (int) ((float) count / (float) maxValue * BAR_WIDTH);
        }

        /** hist: from the first to the last bucket with a positive count. */
        static BucketRange ofPositive(long[] buckets) {
            int first = -1, last = -1, max = 0;
            for (int i = 0; i < buckets.length; i++) {
                int v = (int) buckets[i];
                if (v > 0) {
                    if (first < 0) first = i;
                    last = i;
                }
                if (v > max) max = v;
            }
            return new BucketRange(first, last, max);
        }

        /** lhist: nothing if all zero, else the first to the last non-zero bucket among 0..steps+1. */
        static BucketRange ofLinear(long[] buckets, long steps) {
            int any = -1, max = 0;
            for (int i = 0; i < buckets.length; i++) {
                int v = (int) buckets[i];
                if (v != 0) any = i;
                if (v > max) max = v;
            }
            if (any < 0) return new BucketRange(0, -1, max);
            int first = -1, last = 0;
            for (int i = 0; i <= steps + 1 && i < buckets.length; i++) {
                if (buckets[i] != 0) {
                    if (first < 0) first = i;
                    last = i;
                }
            }
            return new BucketRange(Math.max(first, 0), last, max);
        }
    }
}
