package io.jbpftrace.btf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The raw tables of one BTF blob: the type section as 32-bit words with the start of each type
 * record, and the string section. Decoding into language types is {@link TypeMapper}'s job; this
 * class only knows the byte layout.
 *
 * <p>The type section is copied into an {@code int[]} once (a bulk copy) so that walking ~100k
 * records and their members is plain array access, fast even before the JIT warms up.
 *
 * <p>A split blob (kernel module BTF) continues the type ids and string offsets of its base.
 */
final class BtfData {
    private static final int MAGIC = 0xEB9F;
    private static final int COMMON_WORDS = 3; // name_off, info, size/type

    private final BtfData base;
    private final int firstId;
    private final int[] words;
    private final int[] starts;
    private final byte[] strings;
    private final int strBase;

    private BtfData(BtfData base, int[] words, int[] starts, byte[] strings) {
        this.base = base;
        this.firstId = base == null ? 1 : base.typeLimit();
        this.words = words;
        this.starts = starts;
        this.strings = strings;
        this.strBase = base == null ? 0 : base.strBase + base.strings.length;
    }

    static BtfData parse(ByteBuffer raw, BtfData base) {
        ByteBuffer buf = raw.slice();
        try {
            return parseChecked(buf, base);
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw new BtfException("truncated BTF (" + buf.capacity() + " bytes)", e);
        }
    }

    private static BtfData parseChecked(ByteBuffer buf, BtfData base) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.limit() < 24) throw new BtfException("BTF too short for a header: " + buf.limit() + " bytes");
        if ((buf.getShort(0) & 0xFFFF) != MAGIC) {
            buf.order(ByteOrder.BIG_ENDIAN);
            if ((buf.getShort(0) & 0xFFFF) != MAGIC)
                throw new BtfException(String.format("not BTF: magic 0x%04x", buf.getShort(0) & 0xFFFF));
        }
        if (buf.get(2) != 1) throw new BtfException("unsupported BTF version " + buf.get(2));
        int hdrLen = buf.getInt(4);
        int typeLen = buf.getInt(12), strLen = buf.getInt(20);
        if (typeLen % 4 != 0) throw new BtfException("BTF type section length " + typeLen + " is not a multiple of 4");
        int[] words = new int[typeLen / 4];
        slice(buf, section(buf, hdrLen, buf.getInt(8), typeLen, "type"), typeLen).asIntBuffer().get(words);
        byte[] strings = new byte[strLen];
        slice(buf, section(buf, hdrLen, buf.getInt(16), strLen, "string"), strLen).get(strings);
        if (strLen > 0 && strings[strLen - 1] != 0) throw new BtfException("BTF string section does not end with NUL");
        // Newer kernels may describe each kind's record size, letting us skip kinds we do not know.
        byte[] layout = new byte[0];
        if (hdrLen >= 32 && buf.getInt(28) > 0) {
            layout = new byte[buf.getInt(28)];
            slice(buf, section(buf, hdrLen, buf.getInt(24), layout.length, "layout"), layout.length).get(layout);
        }
        return new BtfData(base, words, typeStarts(words, layout), strings);
    }

    private static int[] typeStarts(int[] words, byte[] layout) {
        int[] starts = new int[Math.max(16, words.length / 6)];
        int count = 0;
        for (int pos = 0; pos < words.length; count++) {
            if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
            starts[count] = pos;
            if (pos + COMMON_WORDS > words.length)
                throw new BtfException("BTF type record " + count + " runs past the type section");
            int info = words[pos + 1];
            int kind = (info >>> 24) & 0x1F, vlen = info & 0xFFFF;
            int extra = BtfKind.extraBytes(kind, vlen);
            if (extra < 0) extra = layoutExtra(layout, kind, vlen);
            if (extra < 0 || extra % 4 != 0)
                throw new BtfException("unknown BTF kind " + kind + " at type record " + count);
            pos += COMMON_WORDS + extra / 4;
            if (pos > words.length) throw new BtfException("BTF type record " + count + " runs past the type section");
        }
        return Arrays.copyOf(starts, count);
    }

    private static int section(ByteBuffer buf, int hdrLen, int off, int len, String what) {
        long start = (long) hdrLen + off;
        if (hdrLen < 24 || off < 0 || len < 0 || start + len > buf.limit())
            throw new BtfException("BTF " + what + " section out of bounds");
        return (int) start;
    }

    private static ByteBuffer slice(ByteBuffer buf, int start, int len) {
        return buf.duplicate().position(start).limit(start + len).slice().order(buf.order());
    }

    /** A layout entry per kind: info_sz (u8), elem_sz (u8), flags (u16). */
    private static int layoutExtra(byte[] layout, int kind, int vlen) {
        if ((kind + 1) * 4 > layout.length) return -1;
        return (layout[kind * 4] & 0xFF) + (layout[kind * 4 + 1] & 0xFF) * vlen;
    }

    /** One past the highest type id defined here (ids start at 1; 0 is void). */
    int typeLimit() { return firstId + starts.length; }

    int firstId() { return firstId; }

    int kind(int id) { return (info(id) >>> 24) & 0x1F; }

    int vlen(int id) { return info(id) & 0xFFFF; }

    boolean kindFlag(int id) { return info(id) < 0; }

    /** The size of INT, ENUM, STRUCT, UNION, FLOAT, DATASEC; the referenced type id for the others. */
    int sizeOrType(int id) { return word(id, 2); }

    /** The i-th 32-bit word after the common header (member, param, enum value, array data...). */
    int extra(int id, int wordIndex) { return word(id, COMMON_WORDS + wordIndex); }

    int nameOffset(int id) { return word(id, 0); }

    String name(int id) { return string(nameOffset(id)); }

    /** The name at a string-section offset; offsets below this blob's own strings are the base's. */
    String string(int offset) {
        if (offset < strBase) return base.string(offset);
        int start = localString(offset), end = start;
        while (strings[end] != 0) end++;
        return new String(strings, start, end - start, StandardCharsets.UTF_8);
    }

    /** A hash of the name at {@code offset}, equal to {@link #hash(byte[])} of its bytes. */
    int stringHash(int offset) {
        if (offset < strBase) return base.stringHash(offset);
        int h = 0;
        for (int i = localString(offset); strings[i] != 0; i++) h = 31 * h + strings[i];
        return h;
    }

    static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) h = 31 * h + b;
        return h;
    }

    boolean stringEquals(int offset, byte[] name) {
        if (offset < strBase) return base.stringEquals(offset, name);
        int start = localString(offset);
        if (start + name.length >= strings.length || strings[start + name.length] != 0) return false;
        for (int i = 0; i < name.length; i++) if (strings[start + i] != name[i]) return false;
        return true;
    }

    /** Whether two string offsets hold the same name (deduplicated BTF mostly shares offsets). */
    boolean sameString(int a, int b) {
        if (a == b) return true;
        byte[] sa = stringsAt(a), sb = stringsAt(b);
        int i = startAt(a), j = startAt(b);
        while (sa[i] == sb[j]) {
            if (sa[i] == 0) return true;
            i++;
            j++;
        }
        return false;
    }

    private byte[] stringsAt(int offset) { return offset < strBase ? base.stringsAt(offset) : strings; }

    private int startAt(int offset) { return offset < strBase ? base.startAt(offset) : localString(offset); }

    private int localString(int offset) {
        int local = offset - strBase;
        if (local < 0 || local >= strings.length) throw new BtfException("BTF string offset " + offset + " out of bounds");
        return local;
    }

    private int info(int id) { return word(id, 1); }

    private int word(int id, int index) {
        if (id < firstId) {
            if (base == null) throw new BtfException("no BTF type " + id);
            return base.word(id, index);
        }
        int local = id - firstId;
        if (local >= starts.length) throw new BtfException("no BTF type " + id);
        int at = starts[local] + index;
        if (at >= words.length) throw new BtfException("BTF type " + id + " is truncated");
        return words[at];
    }
}
