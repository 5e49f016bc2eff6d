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
            String line = visible(lines[pos.line() - 1]);
            int end = Math.min(line.length() + 1, pos.col() - 1 + length);
            out.append('\n').append(line).append('\n')
               .append(" ".repeat(Math.max(0, pos.col() - 1))).append('^')
               .append("~".repeat(Math.max(0, end - pos.col())));
        }
        return out.toString();
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
