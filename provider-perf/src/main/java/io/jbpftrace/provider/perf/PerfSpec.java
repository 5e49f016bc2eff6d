package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * A parsed {@code software:EVENT[:COUNT]} or {@code hardware:EVENT[:COUNT]} probe: the data of its target.
 *
 * @param written the event as the script names it (an alias stays an alias, as in bpftrace's probe name)
 * @param count   the sample period given, or 0 for the event's default
 */
public record PerfSpec(EventFamily family, String written, PerfEvent event, long count) {

    static PerfSpec parse(EventFamily family, AttachPoint probe) throws ProbeException {
        String type = family.type;
        if (probe.parts().isEmpty() || probe.parts().size() > 2) {
            throw new ProbeException(type + " probe type requires 1 or 2 arguments");
        }
        String written = probe.part(0);
        if (written.isEmpty()) throw new ProbeException(type + " probe must have a " + type + " event name");
        if (Glob.hasWildcard(written)) throw new ProbeException("wildcards are not allowed for " + type + " probe type");
        PerfEvent event = family.event(written)
                .orElseThrow(() -> new ProbeException(written + " is not a " + type + " probe"));
        long count = count(probe.part(1)).orElseThrow(() -> new ProbeException(family == EventFamily.SOFTWARE
                ? "software count should be a positive integer"
                : "hardware frequency should be a positive integer"));
        return new PerfSpec(family, written, event, count);
    }

    /** Absent, {@code *} and 0 all mean the default; otherwise decimal, hex or exponent form. */
    private static OptionalLong count(String text) {
        if (text.isEmpty() || text.equals("*")) return OptionalLong.of(0);
        try {
            BigInteger n = text.startsWith("0x") || text.startsWith("0X")
                    ? new BigInteger(text.substring(2), 16)
                    : new BigDecimal(text).toBigIntegerExact();
            return n.signum() >= 0 && n.bitLength() < 64 ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** The value of the {@code probe} builtin: canonical type, the event as written, the count unless defaulted. */
    public String probeName() { return family.type + ":" + written + (count == 0 ? "" : ":" + count); }

    /** The sample period the event fires after. */
    public long period() { return count == 0 ? event.defaultCount() : count; }

    public PerfEventAttr perfEventAttr() {
        return PerfEventAttr.sampling(family.perfType, event.config(), period(), false);
    }
}
