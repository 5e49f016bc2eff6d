package io.jbpftrace.lang;

import io.jbpftrace.lang.ast.Pos;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Script bytes to text. A byte that is not valid UTF-8 is kept as the lone surrogate
 * {@code U+DC00 + byte} (no real text contains one), so the parser can report it at its line and
 * column instead of the decoder failing without a position or silently replacing it.
 */
public final class ScriptText {
    private static final char ESCAPE_BASE = 0xDC00;

    private ScriptText() {}

    /** Decodes UTF-8, escaping every byte of a malformed or truncated sequence. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult r = in.hasRemaining() ? decoder.decode(in, out, true) : CoderResult.UNDERFLOW;
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            } else if (r.isUnderflow()) {
                if (!in.hasRemaining()) break;
                // a sequence cut off at the end: every byte left is malformed
                while (in.hasRemaining()) out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            } else {
                throw new IllegalStateException("output buffer too small: " + r); // at most one char per byte
            }
        }
        out.flip();
        return out.toString();
    }

    /** Fails at the first byte {@link #decode} had to escape, if any. */
    public static void requireUtf8(String fileName, String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (isEscapedByte(c)) {
                throw new CompileError(fileName, text, new Pos(line, i - lineStart + 1),
                        String.format("invalid UTF-8 byte 0x%02x: scripts must be UTF-8 text", c - ESCAPE_BASE));
            }
        }
    }

    /** A lone low surrogate that stands for an undecodable byte. */
    static boolean isEscapedByte(char c) {
        return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff;
    }
}
