package io.jbpftrace.output;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** C strftime conversions (the ones scripts use), in the C locale, for time() and strftime(). */
public final class Strftime {
    private Strftime() {}

    public static String format(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char s = format.charAt(++i);
            switch (s) {
                case 'H' -> two(out, t.getHour());
                case 'M' -> two(out, t.getMinute());
                case 'S' -> two(out, t.getSecond());
                case 'Y' -> out.append(t.getYear());
                case 'y' -> two(out, t.getYear() % 100);
                case 'm' -> two(out, t.getMonthValue());
                case 'd' -> two(out, t.getDayOfMonth());
                case 'e' -> out.append(String.format("%2d", t.getDayOfMonth()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'I' -> two(out, (t.getHour() + 11) % 12 + 1);
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'T' -> out.append(format("%H:%M:%S", t));
                case 'D' -> out.append(format("%m/%d/%y", t));
                case 'F' -> out.append(format("%Y-%m-%d", t));
                case 'R' -> out.append(format("%H:%M", t));
                case 'c' -> out.append(format("%a %b %e %H:%M:%S %Y", t));
                case 's' -> out.append(t.toEpochSecond());
                case 'z' -> out.append(t.getOffset().getId().equals("Z") ? "+0000" : t.getOffset().getId().replace(":", ""));
                case 'Z' -> out.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'f' -> out.append(String.format("%06d", t.getNano() / 1000)); // bpftrace extension: microseconds
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '%' -> out.append('%');
                default -> out.append('%').append(s);
            }
        }
        return out.toString();
    }

    private static void two(StringBuilder out, int v) {
        if (v < 10) out.append('0');
        out.append(v);
    }
}
