package io.jbpftrace.provider.profile;

import java.util.Optional;

/** The unit part of {@code profile:<unit>:<count>}: a rate in hertz or a period in a time unit. */
public enum TimeUnit {
    HZ("hz", 0), S("s", 1_000_000_000L), MS("ms", 1_000_000L), US("us", 1_000L);

    final String word;
    /** Nanoseconds per count; 0 for a frequency. */
    final long nanos;

    TimeUnit(String word, long nanos) {
        this.word = word;
        this.nanos = nanos;
    }

    boolean isFrequency() { return nanos == 0; }

    static Optional<TimeUnit> of(String word) {
        for (TimeUnit u : values()) {
            if (u.word.equals(word)) return Optional.of(u);
        }
        return Optional.empty();
    }
}
