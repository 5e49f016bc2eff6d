package io.jbpftrace.output;

/**
 * One conversion of a bpftrace printf format, e.g. {@code %-08.3lu}: its position in the format
 * and its parts. bpftrace 0.17 accepts only a '-' flag, digit widths (a leading 0 pads with
 * zeros), a precision, the lengths hh/h/l/ll/j/z/t and the conversions d u x X o p c s r.
 */
public record Conversion(int start, int end, boolean leftAlign, boolean zeroPad, int width, int precision,
                                                  String length, char specifier) {

    /** What kind of argument a conversion takes. */
    public enum ArgType { INTEGER, STRING, BUFFER }

    public ArgType argType() {
        return switch (specifier) {
            case 's' -> ArgType.STRING;
            case 'r' -> ArgType.BUFFER;
            default -> ArgType.INTEGER;
        };
    }

    /** Spelled as bpftrace's error messages spell it: length + specifier, e.g. "lu". */
    public String token() {
        return length + specifier;
    }
}
