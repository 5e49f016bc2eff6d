package io.jbpftrace.passes;

import io.jbpftrace.types.Type;
import java.util.Map;

/** Integer type names usable in casts and struct definitions. */
public final class IntTypes {
    private IntTypes() {}

    private static final Map<String, Type.Int> NAMES = Map.ofEntries(
            Map.entry("uint8", Type.Int.U8), Map.entry("uint16", Type.Int.U16), Map.entry("uint32", Type.Int.U32), Map.entry("uint64", Type.Int.U64),
            Map.entry("int8", Type.Int.S8), Map.entry("int16", Type.Int.S16), Map.entry("int32", Type.Int.S32), Map.entry("int64", Type.Int.S64),
            Map.entry("char", Type.Int.S8), Map.entry("short", Type.Int.S16), Map.entry("int", Type.Int.S32), Map.entry("long", Type.Int.S64),
            Map.entry("unsigned char", Type.Int.U8), Map.entry("unsigned short", Type.Int.U16), Map.entry("unsigned int", Type.Int.U32),
            Map.entry("unsigned long", Type.Int.U64), Map.entry("u8", Type.Int.U8), Map.entry("u16", Type.Int.U16), Map.entry("u32", Type.Int.U32),
            Map.entry("u64", Type.Int.U64), Map.entry("s8", Type.Int.S8), Map.entry("s16", Type.Int.S16), Map.entry("s32", Type.Int.S32),
            Map.entry("s64", Type.Int.S64), Map.entry("uint8_t", Type.Int.U8), Map.entry("uint16_t", Type.Int.U16), Map.entry("uint32_t", Type.Int.U32),
            Map.entry("uint64_t", Type.Int.U64), Map.entry("int8_t", Type.Int.S8), Map.entry("int16_t", Type.Int.S16), Map.entry("int32_t", Type.Int.S32),
            Map.entry("int64_t", Type.Int.S64), Map.entry("bool", Type.Int.U8), Map.entry("void", Type.Int.U8));

    public static Type.Int byName(String name) { return NAMES.get(name.trim().replaceAll("\\s+", " ")); }
}
