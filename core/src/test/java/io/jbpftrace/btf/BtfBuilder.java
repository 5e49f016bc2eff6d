package io.jbpftrace.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes small BTF blobs by hand, in either byte order, for parser tests. */
final class BtfBuilder {
    private final List<int[]> types = new ArrayList<>();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();
    private final int firstId;
    private final int stringBase;

    /** A self-contained blob. */
    BtfBuilder() { this(1, 0); }

    /** A split blob continuing a base whose last id is {@code firstId - 1} and whose strings take {@code stringBase} bytes. */
    BtfBuilder(int firstId, int stringBase) {
        this.firstId = firstId;
        this.stringBase = stringBase;
        if (stringBase == 0) string(""); // offset 0 is the empty name
    }

    int string(String s) {
        if (s.isEmpty() && stringBase != 0) return 0;
        return stringOffsets.computeIfAbsent(s, k -> {
            int off = stringBase + strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    /** Adds one type record; {@code extra} are the 32-bit words after the common header. Returns its id. */
    int add(int kind, boolean kindFlag, int vlen, String name, int sizeOrType, int... extra) {
        int[] record = new int[3 + extra.length];
        record[0] = string(name);
        record[1] = (kindFlag ? 1 << 31 : 0) | kind << 24 | vlen;
        record[2] = sizeOrType;
        System.arraycopy(extra, 0, record, 3, extra.length);
        types.add(record);
        return firstId + types.size() - 1;
    }

    int stringBytes() { return strings.size(); }

    ByteBuffer build(ByteOrder order) {
        int typeLen = types.stream().mapToInt(t -> t.length * 4).sum();
        byte[] str = strings.toByteArray();
        ByteBuffer buf = ByteBuffer.allocate(24 + typeLen + str.length).order(order);
        buf.putShort((short) 0xEB9F).put((byte) 1).put((byte) 0).putInt(24);
        buf.putInt(0).putInt(typeLen).putInt(typeLen).putInt(str.length);
        for (int[] t : types) for (int w : t) buf.putInt(w);
        buf.put(str);
        return buf.flip();
    }
}
