package io.jbpftrace.provider.uprobe;

import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.ProbeException;

/**
 * The function part of a uprobe: a raw address ({@code 0x1234}), a symbol with an optional byte offset
 * into it ({@code add}, {@code add+0x10}), or a wildcard pattern ({@code read*}).
 */
sealed interface FunctionSpec {

    /** The function part as written, which probe names keep. */
    String text();

    record Address(long address, String text) implements FunctionSpec {}

    record Symbol(String name, long offset, String text) implements FunctionSpec {}

    record Pattern(String text) implements FunctionSpec {}

    static FunctionSpec parse(String text) throws ProbeException {
        if (text.isEmpty()) throw new ProbeException("uprobe needs a function name, pattern or address");
        if (Glob.hasWildcard(text)) return new Pattern(text);
        if (Character.isDigit(text.charAt(0))) return new Address(number(text, text), text);
        int plus = text.lastIndexOf('+');
        if (plus > 0) return new Symbol(text.substring(0, plus), number(text.substring(plus + 1), text), text);
        return new Symbol(text, 0, text);
    }

    private static long number(String digits, String whole) throws ProbeException {
        try {
            return digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new ProbeException("invalid uprobe offset or address: " + whole);
        }
    }
}
