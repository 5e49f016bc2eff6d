package io.jbpftrace.btf;

import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps BTF type ids onto the language's {@link Type}s. Records reached through a pointer stay
 * shallow (name and size, no fields): kernel structs point at each other in cycles, and the
 * compiler asks for the full record only when a script dereferences the pointer.
 */
final class TypeMapper {
    /** Chains of typedefs and qualifiers are short in practice; a longer one means a cycle. */
    private static final int MAX_CHAIN = 64;
    private static final int INT_SIGNED = 1, INT_CHAR = 2, INT_BOOL = 4;

    private final BtfData data;
    private final Map<Integer, Type.Record> records = new ConcurrentHashMap<>();

    TypeMapper(BtfData data) { this.data = data; }

    /** The type a value of BTF type {@code id} has; structs and unions come with all their fields. */
    Type valueType(int id) {
        int t = skipModifiers(id);
        if (t == 0) return Type.VOID;
        return switch (data.kind(t)) {
            case BtfKind.INT -> intType(t);
            case BtfKind.PTR -> pointer(t);
            case BtfKind.ARRAY -> new Type.Array(valueType(data.extra(t, 0)), data.extra(t, 2));
            case BtfKind.STRUCT, BtfKind.UNION -> record(t);
            case BtfKind.FWD -> shallow(t);
            case BtfKind.ENUM, BtfKind.ENUM64 -> new Type.Int(data.sizeOrType(t), data.kindFlag(t));
            case BtfKind.FLOAT -> new Type.Int(data.sizeOrType(t), true); // no float type in the language
            case BtfKind.FUNC_PROTO -> Type.Int.U64; // a function as a value is its address
            case BtfKind.VAR -> valueType(data.sizeOrType(t));
            default -> Type.VOID; // FUNC, DATASEC, DECL_TAG: declarations, not value types
        };
    }

    /** The full record of a STRUCT or UNION id, cached. */
    Type.Record record(int id) {
        Type.Record cached = records.get(id);
        if (cached != null) return cached;
        List<Type.Field> fields = new ArrayList<>(data.vlen(id));
        addMembers(id, 0, fields, 0);
        Type.Record record = new Type.Record(data.name(id), List.copyOf(fields), data.sizeOrType(id));
        // not computeIfAbsent: building a record resolves nested records into this same map
        Type.Record raced = records.putIfAbsent(id, record);
        return raced != null ? raced : record;
    }

    /** The prototype of a FUNC id; a trailing variadic marker ({@code ...}) is left out. */
    Btf.FuncProto function(int funcId) {
        int proto = skipModifiers(data.sizeOrType(funcId));
        if (data.kind(proto) != BtfKind.FUNC_PROTO)
            throw new BtfException("BTF function " + data.name(funcId) + " has no prototype");
        List<Btf.FuncProto.Param> params = new ArrayList<>();
        for (int i = 0; i < data.vlen(proto); i++) {
            int nameOff = data.extra(proto, 2 * i), type = data.extra(proto, 2 * i + 1);
            if (nameOff == 0 && type == 0) continue;
            params.add(new Btf.FuncProto.Param(data.string(nameOff), valueType(type)));
        }
        return new Btf.FuncProto(data.name(funcId), List.copyOf(params), valueType(data.sizeOrType(proto)));
    }

    /**
     * Members become fields at byte offsets. Anonymous struct/union members are flattened into the
     * parent so {@code task->field_in_anon_union} resolves by name. Bitfields are left out: the
     * language has no type for a few bits of a storage unit.
     */
    private void addMembers(int id, int baseOffset, List<Type.Field> fields, int depth) {
        if (depth > MAX_CHAIN) throw new BtfException("BTF anonymous members nest too deep in type " + id);
        boolean bitfieldSizes = data.kindFlag(id);
        for (int i = 0; i < data.vlen(id); i++) {
            String name = data.string(data.extra(id, 3 * i));
            int type = data.extra(id, 3 * i + 1);
            int offset = data.extra(id, 3 * i + 2);
            int bitOffset = bitfieldSizes ? offset & 0xFFFFFF : offset;
            int bitSize = bitfieldSizes ? offset >>> 24 : 0;
            int target = skipModifiers(type);
            int targetKind = target == 0 ? BtfKind.UNKNOWN : data.kind(target);
            boolean aggregate = targetKind == BtfKind.STRUCT || targetKind == BtfKind.UNION;
            if (bitSize != 0 || bitOffset % 8 != 0 || isLegacyBitfield(target, targetKind)) continue;
            if (name.isEmpty() && aggregate) addMembers(target, baseOffset + bitOffset / 8, fields, depth + 1);
            else if (!name.isEmpty()) fields.add(new Type.Field(name, baseOffset + bitOffset / 8, valueType(type)));
        }
    }

    /** Without kind_flag, a bitfield is an INT whose bit count is narrower than its size. */
    private boolean isLegacyBitfield(int id, int kind) {
        if (kind != BtfKind.INT) return false;
        int encoding = data.extra(id, 0);
        int bits = encoding & 0xFF, bitOffset = (encoding >>> 16) & 0xFF;
        return bitOffset != 0 || bits != data.sizeOrType(id) * 8;
    }

    private Type intType(int id) {
        int size = data.sizeOrType(id);
        int encoding = data.extra(id, 0) >>> 24;
        if ((encoding & INT_BOOL) != 0) return new Type.Int(size, false);
        // plain `char` carries no encoding in kernel BTF; it reads as a signed byte (string data)
        if (size == 1 && ((encoding & INT_CHAR) != 0 || data.name(id).equals("char"))) return Type.Int.S8;
        return new Type.Int(size, (encoding & INT_SIGNED) != 0);
    }

    private Type pointer(int id) {
        int target = data.sizeOrType(id);
        boolean user = false;
        for (int n = 0; target != 0 && BtfKind.isModifier(data.kind(target)); n++) {
            if (n > MAX_CHAIN) throw new BtfException("BTF type chain too long at type " + id);
            if (data.kind(target) == BtfKind.TYPE_TAG && data.name(target).equals("user")) user = true;
            target = data.sizeOrType(target);
        }
        if (target == 0) return new Type.Pointer(Type.Int.U8, user);
        return switch (data.kind(target)) {
            case BtfKind.STRUCT, BtfKind.UNION, BtfKind.FWD -> new Type.Pointer(shallow(target), user);
            case BtfKind.FUNC_PROTO -> new Type.Pointer(Type.Int.U64, user);
            default -> new Type.Pointer(valueType(target), user);
        };
    }

    /** Name and size only; FWD declarations have no size (0). */
    private Type.Record shallow(int id) {
        int size = data.kind(id) == BtfKind.FWD ? 0 : data.sizeOrType(id);
        return new Type.Record(data.name(id), List.of(), size);
    }

    private int skipModifiers(int id) {
        int t = id;
        for (int n = 0; t != 0 && BtfKind.isModifier(data.kind(t)); n++) {
            if (n > MAX_CHAIN) throw new BtfException("BTF type chain too long at type " + id);
            t = data.sizeOrType(t);
        }
        return t;
    }
}
