package io.jbpftrace.provider.profile;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * A parsed timer probe, {@code profile:hz:99} or {@code interval:s:1}: the data of its target.
 *
 * @param type  canonical probe type, {@code profile} or {@code interval}
 * @param count how many hertz, or how many units per period
 */
public record TimerSpec(String type, TimeUnit unit, long count) {

    /** Parses {@code <type>:<unit>:<count>}; {@code type} is the canonical name the alias stands for. */
    static TimerSpec parse(String type, AttachPoint probe) throws ProbeException {
        if (probe.parts().size() != 2) throw new ProbeException(type + " probe type requires 2 arguments");
        TimeUnit unit = TimeUnit.of(probe.part(0))
                .orElseThrow(() -> new ProbeException(probe.part(0) + " is not an accepted unit of time"));
        long count = positiveCount(probe.part(1))
                .orElseThrow(() -> new ProbeException(type + " frequency should be a positive integer"));
        if (!unit.isFrequency() && count > Long.MAX_VALUE / unit.nanos) {
            throw new ProbeException(type + " period is too long: " + probe.part(1) + " " + unit.word);
        }
        return new TimerSpec(type, unit, count);
    }

    /** Decimal, hex ({@code 0x10}) or exponent ({@code 1e3}) integers, as bpftrace's lexer takes them. */
    private static OptionalLong positiveCount(String text) {
        try {
            BigInteger n = text.startsWith("0x") || text.startsWith("0X")
                    ? new BigInteger(text.substring(2), 16)
                    : new BigDecimal(text).toBigIntegerExact();
            return n.signum() > 0 && n.bitLength() < 64 ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** The value of the {@code probe} builtin: canonical type, unit, count in decimal. */
    public String probeName() { return type + ":" + unit.word + ":" + count; }

    /** A CPU-clock software event firing at the requested rate or period. */
    public PerfEventAttr perfEventAttr() {
        return unit.isFrequency()
                ? PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, count, true)
                : PerfEventAttr.sampling(PerfEventAttr.TYPE_SOFTWARE, PerfEventAttr.SW_CPU_CLOCK, count * unit.nanos, false);
    }
}
