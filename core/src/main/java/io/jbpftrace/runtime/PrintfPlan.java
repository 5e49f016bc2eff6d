package io.jbpftrace.runtime;

import io.jbpftrace.output.ByteOutput;
import io.jbpftrace.output.Conversion;
import io.jbpftrace.output.Printf;
import io.jbpftrace.types.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A printf call site compiled once for the fast path: the literal bytes between conversions and,
 * for each conversion, where its argument lies in the record. Formats the record's bytes straight
 * into a {@link ByteOutput} (nothing allocated per record), with the bytes bpftrace prints; for
 * ASCII text the same as {@link Printf} (which works on Java chars: a %c above 127 or a %s that
 * is not ASCII it encodes as UTF-8 and pads by characters, where C copies bytes). Covers %d %u %x %X %c %s with any length, width, '-' and '0'; a site with anything
 * else (precision, %p %o %r, stacks, symbols, ...) has no plan and takes the general path.
 */
final class PrintfPlan {
    private static final int MAX_WIDTH = 4096;
    private final byte[][] literals; // literals[i] before conversion i; the last one after them all
    private final Conversion[] conversions;
    private final int[] offsets; // of each argument, from the first argument
    private final int[] stringSizes; // of each %s argument's buffer; 0 for integers

    private PrintfPlan(byte[][] literals, Conversion[] conversions, int[] offsets, int[] stringSizes) {
        this.literals = literals;
        this.conversions = conversions;
        this.offsets = offsets;
        this.stringSizes = stringSizes;
    }

    /** The plan for a site, or null if the general formatter must handle it. */
    static PrintfPlan of(String format, List<Conversion> conversions, List<Type> argTypes) {
        int n = conversions.size();
        if (argTypes.size() != n) return null;
        byte[][] literals = new byte[n + 1][];
        int[] offsets = new int[n], sizes = new int[n];
        int from = 0, off = 0;
        for (int i = 0; i < n; i++) {
            Conversion c = conversions.get(i);
            Type t = argTypes.get(i);
            String literal = Printf.literalBefore(format, from, c);
            if (literal == null || !supported(c, t)) return null;
            literals[i] = literal.getBytes(StandardCharsets.UTF_8);
            offsets[i] = off;
            sizes[i] = t instanceof Type.Str s ? s.size() : 0;
            off += Type.align8(t.size());
            from = c.end();
        }
        literals[n] = format.substring(from).getBytes(StandardCharsets.UTF_8);
        return new PrintfPlan(literals, conversions.toArray(new Conversion[0]), offsets, sizes);
    }

    private static boolean supported(Conversion c, Type t) {
        if (c.precision() >= 0 || c.width() > MAX_WIDTH) return false;
        boolean integer = t instanceof Type.Int || t instanceof Type.Pointer;
        return switch (c.specifier()) {
            case 's' -> t instanceof Type.Str;
            case 'd', 'u', 'x', 'X', 'c' -> integer;
            default -> false;
        };
    }

    /** Formats the record whose first argument is at {@code at} of {@code rec} (little-endian). */
    void write(ByteBuffer rec, int at, ByteOutput out) {
        for (int i = 0; i < conversions.length; i++) {
            out.write(literals[i]);
            Conversion c = conversions[i];
            int arg = at + offsets[i];
            if (stringSizes[i] > 0) string(c, rec, arg, stringSizes[i], out);
            else integer(c, rec.getLong(arg), out);
        }
        out.write(literals[conversions.length]);
    }

    private static void integer(Conversion c, long v, ByteOutput out) {
        boolean zeros = c.zeroPad() && !c.leftAlign();
        switch (c.specifier()) {
            case 'd' -> {
                long s = signed(c.length(), v);
                out.number(s < 0 ? -s : s, s < 0, 10, false, c.width(), c.leftAlign(), zeros);
            }
            case 'c' -> character(c, (int) (v & 0xff), out);
            default -> out.number(unsigned(c.length(), v), false, c.specifier() == 'u' ? 10 : 16, c.specifier() == 'X',
                    c.width(), c.leftAlign(), zeros);
        }
    }

    /** As glibc narrows: no length reads an int, h a short, hh a char; the others the whole value. */
    private static long signed(String length, long v) {
        switch (length) {
            case "": return (int) v;
            case "h": return (short) v;
            case "hh": return (byte) v;
            default: return v;
        }
    }

    private static long unsigned(String length, long v) {
        switch (length) {
            case "": return v & 0xffffffffL;
            case "h": return v & 0xffffL;
            case "hh": return v & 0xffL;
            default: return v;
        }
    }

    /** One byte, as C prints it (the general path prints a char of the text output's encoding). */
    private static void character(Conversion c, int ch, ByteOutput out) {
        int pad = c.width() - 1;
        if (!c.leftAlign()) out.repeat((byte) ' ', pad);
        out.write((byte) ch);
        if (c.leftAlign()) out.repeat((byte) ' ', pad);
    }

    /** The bytes up to the first NUL, as C copies them: width counts bytes, not characters. */
    private static void string(Conversion c, ByteBuffer rec, int at, int max, ByteOutput out) {
        int len = 0;
        while (len < max && rec.get(at + len) != 0) len++;
        int pad = c.width() - len;
        if (!c.leftAlign()) out.repeat((byte) ' ', pad);
        out.copy(rec, at, len);
        if (c.leftAlign()) out.repeat((byte) ' ', pad);
    }
}
