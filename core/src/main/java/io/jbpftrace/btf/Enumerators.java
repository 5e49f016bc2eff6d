package io.jbpftrace.btf;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Enumerator name → value over every ENUM and ENUM64 type of one blob. Built on the first lookup:
 * only scripts naming an identifier that is neither a builtin nor a macro pay for the scan.
 */
final class Enumerators {
    private final BtfData data;
    private volatile Map<String, Long> values;

    Enumerators(BtfData data) { this.data = data; }

    OptionalLong find(String name) {
        Long v = table().get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private Map<String, Long> table() {
        Map<String, Long> t = values;
        if (t == null) values = t = build();
        return t;
    }

    /** The first enum declaring a name wins; the kernel's enumerators are unique in C anyway. */
    private Map<String, Long> build() {
        Map<String, Long> out = new HashMap<>();
        for (int id = data.firstId(); id < data.typeLimit(); id++) {
            int kind = data.kind(id);
            if (kind != BtfKind.ENUM && kind != BtfKind.ENUM64) continue;
            boolean signed = data.kindFlag(id);
            int words = kind == BtfKind.ENUM ? 2 : 3; // {name, value} or {name, low, high}
            for (int i = 0; i < data.vlen(id); i++) {
                int nameOff = data.extra(id, i * words);
                int low = data.extra(id, i * words + 1);
                long value = kind == BtfKind.ENUM64
                        ? ((long) data.extra(id, i * words + 2) << 32) | (low & 0xFFFFFFFFL)
                        : signed ? low : low & 0xFFFFFFFFL;
                out.putIfAbsent(data.string(nameOff), value);
            }
        }
        return out;
    }
}
