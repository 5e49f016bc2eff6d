package io.jbpftrace.btf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Name → type id for the kinds looked up by name (struct, union, typedef, func), one table per
 * kind, each built on first use. The tables hash the name bytes in place instead of creating
 * ~70k strings, which keeps the first lookup fast in a cold JVM.
 */
final class NameIndex {
    private final BtfData data;
    private final AtomicReferenceArray<int[]> tables = new AtomicReferenceArray<>(BtfKind.LAST_KNOWN + 1);

    NameIndex(BtfData data) { this.data = data; }

    /** The type id named {@code name} of {@code kind}, or 0. */
    int find(int kind, String name) {
        int[] table = table(kind);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int mask = table.length - 1;
        for (int slot = spread(BtfData.hash(bytes)) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            if (data.stringEquals(data.nameOffset(table[slot]), bytes)) return table[slot];
        }
        return 0;
    }

    /** The distinct names of {@code kind}, sorted. */
    List<String> all(int kind) {
        int[] table = table(kind);
        List<String> out = new ArrayList<>();
        for (int id : table) if (id != 0) out.add(data.name(id));
        Collections.sort(out);
        return out;
    }

    private int[] table(int kind) {
        int[] table = tables.get(kind);
        if (table == null) {
            table = build(kind); // a racing thread builds the same table; either copy is fine
            tables.compareAndSet(kind, null, table);
        }
        return table;
    }

    /**
     * Open addressing over type ids (0 = empty). The first definition of a name wins, as in
     * libbpf, except that an empty struct gives way to a later one with members.
     */
    private int[] build(int kind) {
        int count = 0;
        for (int id = data.firstId(); id < data.typeLimit(); id++) if (data.kind(id) == kind) count++;
        int[] table = new int[Integer.highestOneBit(Math.max(8, count * 2)) << 1];
        int mask = table.length - 1;
        for (int id = data.firstId(); id < data.typeLimit(); id++) {
            if (data.kind(id) != kind) continue;
            int nameOff = data.nameOffset(id);
            if (nameOff == 0) continue;
            int slot = spread(data.stringHash(nameOff)) & mask;
            while (table[slot] != 0 && !sameName(table[slot], nameOff)) slot = (slot + 1) & mask;
            if (table[slot] == 0 || (data.vlen(table[slot]) == 0 && data.vlen(id) > 0 && isAggregate(kind)))
                table[slot] = id;
        }
        return table;
    }

    private boolean sameName(int id, int nameOff) {
        return data.sameString(data.nameOffset(id), nameOff);
    }

    private static boolean isAggregate(int kind) { return kind == BtfKind.STRUCT || kind == BtfKind.UNION; }

    private static int spread(int h) { return h ^ (h >>> 16); }
}
