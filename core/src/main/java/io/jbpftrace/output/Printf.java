package io.jbpftrace.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * printf as bpftrace 0.17 runs it. The format is cut into pieces, each the literal text before a
 * conversion plus the conversion, and each piece goes through C snprintf with its one argument;
 * the text after the last conversion is copied as is. Hence "%%" becomes "%" only before a
 * conversion ("100%%\n" alone prints both percent signs). Integers arrive as 64-bit values and
 * are narrowed like glibc does: no length or h/hh reads an int, l/ll/j/z/t the whole value.
 */
public final class Printf {
    private Printf() {}

    /** The conversions of a format, in order. Text that is not a valid conversion stays literal. */
    public static List<Conversion> parse(String format) {
        List<Conversion> out = new ArrayList<>();
        int i = 0;
        while ((i = format.indexOf('%', i)) >= 0) {
            Conversion c = conversionAt(format, i);
            if (c == null) {
                i++;
            } else {
                out.add(c);
                i = c.end();
            }
        }
        return out;
    }

    /**
     * Checks arguments against the format at compile time.
     *
     * @throws IllegalArgumentException with bpftrace's message, e.g. "printf: Too many arguments for
     *     format string (1 supplied, 0 expected)"
     */
    public static List<Conversion> check(String format, List<Conversion.ArgType> args) {
        List<Conversion> conversions = parse(format);
        int expected = conversions.size();
        if (args.size() < expected) {
            throw new IllegalArgumentException("printf: Not enough arguments for format string ("
                    + args.size() + " supplied, " + expected + " expected)");
        }
        if (args.size() > expected) {
            throw new IllegalArgumentException("printf: Too many arguments for format string ("
                    + args.size() + " supplied, " + expected + " expected)");
        }
        for (int i = 0; i < expected; i++) {
            Conversion c = conversions.get(i);
            if (c.argType() != args.get(i)) {
                throw new IllegalArgumentException("printf: %" + c.token() + " specifier expects a value of type "
                        + typeName(c.argType()) + " (" + typeName(args.get(i)) + " supplied)");
            }
        }
        return conversions;
    }

    /** Formats; args are Long for integers and String for strings and buffers. */
    public static String format(String format, List<Object> args) { return format(format, parse(format), args); }

    /** Formats with the conversions {@link #parse} found in {@code format} (parsed once per call site). */
    public static String format(String format, List<Conversion> conversions, List<Object> args) {
        if (conversions.size() != args.size()) {
            throw new IllegalArgumentException(args.size() + " arguments for " + conversions.size() + " conversions");
        }
        StringBuilder out = new StringBuilder();
        int literalStart = 0;
        for (int i = 0; i < conversions.size(); i++) {
            Conversion c = conversions.get(i);
            appendPieceThroughSnprintf(out, format, literalStart, c, args.get(i));
            literalStart = c.end();
        }
        out.append(format, literalStart, format.length());
        return out.toString();
    }

    private static String typeName(Conversion.ArgType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** Matches bpftrace's pattern %-?[0-9]*(\.[0-9]+)?(length)?(specifier) at position i, or null. */
    private static Conversion conversionAt(String f, int start) {
        int i = start + 1;
        boolean left = i < f.length() && f.charAt(i) == '-';
        if (left) i++;
        boolean zero = i < f.length() && f.charAt(i) == '0';
        int widthStart = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) i++;
        int width = i > widthStart ? parseIntCapped(f.substring(widthStart, i)) : -1;
        int precision = -1;
        if (i + 1 < f.length() && f.charAt(i) == '.' && Character.isDigit(f.charAt(i + 1))) {
            int p = ++i;
            while (i < f.length() && Character.isDigit(f.charAt(i))) i++;
            precision = parseIntCapped(f.substring(p, i));
        }
        String length = "";
        for (String l : new String[] {"hh", "ll", "h", "l", "j", "z", "t"}) {
            if (f.startsWith(l, i)) { length = l; break; }
        }
        int specAt = i + length.length();
        if (specAt >= f.length()) return null;
        char spec = f.charAt(specAt);
        boolean ok = length.isEmpty() ? "sr cduxXpo".indexOf(spec) >= 0 && spec != ' ' : "duxXpo".indexOf(spec) >= 0;
        if (!ok) return null;
        return new Conversion(start, specAt + 1, left, zero, width, precision, length, spec);
    }

    private static int parseIntCapped(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * What snprintf makes of format[from, c.end()) with one argument: "%%" (also "%5%") prints one
     * '%' and may swallow the conversion's own '%' ("%%d" prints "%d", its argument unused).
     */
    private static void appendPieceThroughSnprintf(StringBuilder out, String format, int from, Conversion c, Object arg) {
        if (appendLiteral(out, format, from, c)) out.append(convert(c, arg));
    }

    /**
     * The text a piece prints before its conversion's output, or null when a "%%" swallows the
     * conversion (the piece then prints only text and leaves its argument unused).
     */
    public static String literalBefore(String format, int from, Conversion c) {
        StringBuilder out = new StringBuilder();
        return appendLiteral(out, format, from, c) ? out.toString() : null;
    }

    /** Appends the piece's text up to its conversion; false if the conversion was swallowed. */
    private static boolean appendLiteral(StringBuilder out, String format, int from, Conversion c) {
        int i = from;
        while (i < c.end()) {
            char ch = format.charAt(i);
            if (ch == '%') {
                if (i == c.start()) return true;
                int j = i + 1;
                while (j < c.end() && "-+ #0123456789.".indexOf(format.charAt(j)) >= 0) j++;
                if (j < c.end() && format.charAt(j) == '%') {
                    out.append('%');
                    i = j + 1;
                    continue;
                }
            }
            out.append(ch);
            i++;
        }
        return false;
    }

    /** One conversion's output for its argument (Long or String). */
    public static String convert(Conversion c, Object arg) {
        return switch (c.specifier()) {
            case 's', 'r' -> pad(c, truncate(String.valueOf(arg), c.precision()));
            case 'c' -> pad(c, String.valueOf((char) (toLong(arg) & 0xff)));
            case 'p' -> pointer(c, toLong(arg));
            case 'd' -> integer(c, Long.toString(signedValue(c.length(), toLong(arg))));
            default -> integer(c, unsignedText(c, toLong(arg)));
        };
    }

    private static long toLong(Object arg) {
        if (arg instanceof Number n) return n.longValue();
        throw new IllegalArgumentException("integer argument expected, got " + arg);
    }

    private static long signedValue(String length, long v) {
        return switch (length) {
            case "hh" -> (byte) v;
            case "h" -> (short) v;
            case "" -> (int) v;
            default -> v;
        };
    }

    private static String unsignedText(Conversion c, long v) {
        long bits = switch (c.length()) {
            case "hh" -> v & 0xffL;
            case "h" -> v & 0xffffL;
            case "" -> v & 0xffffffffL;
            default -> v;
        };
        return switch (c.specifier()) {
            case 'x' -> Long.toHexString(bits);
            case 'X' -> Long.toHexString(bits).toUpperCase(Locale.ROOT);
            case 'o' -> Long.toOctalString(bits);
            default -> Long.toUnsignedString(bits);
        };
    }

    /** glibc %p: "(nil)" for 0, else 0x and lower-case hex; precision and zero padding act on the digits. */
    private static String pointer(Conversion c, long v) {
        if (v == 0) return pad(c, "(nil)");
        return integer(c, "0x" + Long.toHexString(v));
    }

    /** Precision gives a minimum digit count (0 with value 0 prints nothing); then width padding. */
    private static String integer(Conversion c, String text) {
        boolean negative = text.startsWith("-");
        String prefix = negative ? "-" : text.startsWith("0x") ? "0x" : "";
        String digits = text.substring(prefix.length());
        if (c.precision() >= 0) {
            if (c.precision() == 0 && digits.equals("0")) digits = "";
            if (digits.length() < c.precision()) digits = "0".repeat(c.precision() - digits.length()) + digits;
        }
        boolean zeros = c.zeroPad() && !c.leftAlign() && c.precision() < 0;
        if (zeros && c.width() > prefix.length() + digits.length()) {
            digits = "0".repeat(c.width() - prefix.length() - digits.length()) + digits;
        }
        return pad(c, prefix + digits);
    }

    private static String truncate(String s, int precision) {
        return precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
    }

    private static String pad(Conversion c, String s) {
        int n = c.width() - s.length();
        if (n <= 0) return s;
        return c.leftAlign() ? s + " ".repeat(n) : " ".repeat(n) + s;
    }
}
