package io.jbpftrace.it.lab;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the marker protocol the lab's /init prints on the serial console (see it/lab/init):
 * {@code LAB-BEGIN}, stdout, {@code LAB-END}, {@code LAB-STDERR-BEGIN}, stderr, {@code LAB-STDERR-END},
 * {@code LAB-EXIT <rc>}.
 */
final class LabConsole {
    static final String BEGIN = "LAB-BEGIN";
    private static final Pattern EXIT = Pattern.compile("\nLAB-EXIT (\\d+)\n");

    /** The console with a newline on both ends, so every marker line is {@code \nMARKER\n}. */
    private final String text;

    LabConsole(String console) { this.text = "\n" + console.replace("\r", "") + "\n"; }

    String stdout() { return between(BEGIN, "LAB-END"); }

    String stderr() { return between("LAB-STDERR-BEGIN", "LAB-STDERR-END"); }

    OptionalInt exitCode() {
        Matcher m = EXIT.matcher(text);
        OptionalInt last = OptionalInt.empty();
        while (m.find()) last = OptionalInt.of(Integer.parseInt(m.group(1)));
        return last;
    }

    /**
     * The text between the markers {@code open} and {@code close}, each ending a line. Either may
     * be glued to what precedes it: firmware leaves terminal escapes before the first marker, and a
     * command may leave its last line unterminated ({@code "no newlineLAB-END"}). A missing close
     * marker means the command never finished, and all output after {@code open} counts.
     */
    private String between(String open, String close) {
        int at = text.indexOf(open + "\n");
        if (at < 0) return "";
        int start = at + open.length() + 1;
        int end = text.indexOf(close + "\n", start);
        return text.substring(start, end < 0 ? text.length() - 1 : end);
    }
}
