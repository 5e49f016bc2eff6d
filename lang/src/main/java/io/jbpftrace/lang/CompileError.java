package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Pos;

/**
 * An error in the user's script, with the position it points at. It is a value until the launcher
 * prints it with {@link #format()}:
 * <pre>
 * stdin:1:21: ERROR: syntax error, unexpected '}'
 * BEGIN { printf("hi" }
 *                     ^
 * </pre>
 */
public class CompileError extends RuntimeException {
    private final String fileName;
    private final String source;
    private final Pos pos;
    private final int length;

    /** @param length how many characters the error covers (underlined after the caret), at least 1 */
    public CompileError(String fileName, String source, Pos pos, int length, String message) {
        super(message);
        this.fileName = fileName;
        this.source = source;
        this.pos = pos;
        this.length = Math.max(1, length);
    }

    public CompileError(String fileName, String source, Pos pos, String message) {
        this(fileName, source, pos, 1, message);
    }

    public Pos pos() { return pos; }

    public String fileName() { return fileName; }

    /** The full diagnostic: header line, then (when the position is known) the source line and a caret. */
    public String format() { return format("ERROR"); }

    /** The same layout for a diagnostic of another severity ({@code WARNING}). */
    public String format(String severity) {
        if (pos == null || pos.line() <= 0) return fileName + ": " + severity + ": " + getMessage();
        StringBuilder out = new StringBuilder()
                .append(fileName).append(':').append(pos.line()).append(':').append(pos.col())
                .append(": ").append(severity).append(": ").append(getMessage());
        String[] lines = source.split("\n", -1);
        if (pos.line() <= lines.length) {
            String raw = lines[pos.line() - 1];
            int start = Math.min(raw.length(), pos.col() - 1);
            int end = Math.min(raw.length(), start + length);
            int indent = shownWidth(raw.substring(0, start));
            // a span running past the line (to the end of the file) underlines one place beyond it
            int pastEnd = start + length > raw.length() ? 1 : 0;
            int width = Math.max(1, shownWidth(raw.substring(start, end)) + pastEnd);
            out.append('\n').append(visible(raw).replace("\t", TAB)).append('\n')
               .append(" ".repeat(indent)).append('^').append("~".repeat(width - 1));
        }
        return out.toString();
    }

    /** Tabs are shown as four spaces, as bpftrace does, so the caret lines up in any terminal. */
    private static final String TAB = "    ";

    private static int shownWidth(String text) {
        int tabs = (int) text.chars().filter(c -> c == '\t').count();
        return text.length() + tabs * (TAB.length() - 1);
    }

    /** The line as a terminal can show it: control characters and undecodable bytes become '?'. */
    private static String visible(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\r' || c == 0x7f;
            out.append(control || ScriptText.isEscapedByte(c) ? '?' : c);
        }
        return out.toString();
    }
}
