package io.jbpftrace.output;

import java.util.Arrays;

/**
 * A growable byte buffer that numbers are formatted straight into, as C's printf does it (width,
 * '-' and '0' flags), without a String per value: the printf fast path's output.
 */
public final class ByteOutput {
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final byte[] digits = new byte[20]; // 2^64 - 1 has 20 decimal digits
    private byte[] bytes;
    private int size;

    public ByteOutput(int capacity) { bytes = new byte[capacity]; }

    public int size() { return size; }

    public byte[] array() { return bytes; }

    public void reset() { size = 0; }

    public void write(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    public void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** {@code len} bytes of {@code buf} from {@code at}. */
    public void copy(java.nio.ByteBuffer buf, int at, int len) {
        ensure(len);
        buf.get(at, bytes, size, len);
        size += len;
    }

    /** {@code n} copies of {@code b}; nothing if n <= 0. */
    public void repeat(byte b, int n) {
        if (n <= 0) return;
        ensure(n);
        Arrays.fill(bytes, size, size + n, b);
        size += n;
    }

    /**
     * A number in base 10 or 16: {@code negative} prints a '-' before the digits of the unsigned
     * magnitude; zero padding goes between sign and digits, space padding left or right.
     */
    public void number(long magnitude, boolean negative, int base, boolean upper, int width, boolean left, boolean zeros) {
        int n = base == 16 ? hexDigits(magnitude, upper) : decimalDigits(magnitude);
        int len = n + (negative ? 1 : 0);
        int pad = width - len;
        if (!left && !zeros) repeat((byte) ' ', pad);
        if (negative) write((byte) '-');
        if (!left && zeros) repeat((byte) '0', pad);
        ensure(n);
        System.arraycopy(digits, digits.length - n, bytes, size, n);
        size += n;
        if (left) repeat((byte) ' ', pad);
    }

    /** Fills the end of {@link #digits}; returns how many. The magnitude is unsigned. */
    private int decimalDigits(long v) {
        int at = digits.length;
        if (v < 0) { // above Long.MAX_VALUE: take off one digit the unsigned way
            long q = Long.divideUnsigned(v, 10);
            digits[--at] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        do {
            digits[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return digits.length - at;
    }

    private int hexDigits(long v, boolean upper) {
        byte[] table = upper ? HEX_UPPER : HEX_LOWER;
        int at = digits.length;
        do {
            digits[--at] = table[(int) (v & 15)];
            v >>>= 4;
        } while (v != 0);
        return digits.length - at;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
