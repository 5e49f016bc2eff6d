package io.jbpftrace.passes;

import io.jbpftrace.btf.Btf;
import io.jbpftrace.lang.ast.StructDef;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named types for casts and field access: structs written in the script first, then the kernel's
 * BTF. Pointers to structs inside records are shallow (name only); {@link #complete} fills them in.
 */
public final class StructTypes {
    private final Map<String, Type.Record> scriptStructs = new HashMap<>();

    public StructTypes(List<StructDef> defs) {
        for (StructDef d : defs) scriptStructs.put(strip(d.name()), layout(d));
    }

    private static String strip(String name) {
        return name.replaceFirst("^(struct|union)\\s+", "").trim();
    }

    /** A record with its fields: looked up again when it arrived as a shallow pointer target. */
    public Optional<Type.Record> complete(Type.Record r) {
        if (!r.fields().isEmpty()) return Optional.of(r);
        return struct(r.name());
    }

    public Optional<Type.Record> struct(String name) {
        String n = strip(name);
        Type.Record own = scriptStructs.get(n);
        if (own != null) return Optional.of(own);
        try {
            return Btf.vmlinux().struct(name.trim());
        } catch (RuntimeException e) {
            return Optional.empty(); // no BTF on this kernel
        }
    }

    /** An integer, struct or typedef name as written in a cast, sizeof or struct field. */
    public Optional<Type> named(String name) {
        Type.Int i = IntTypes.byName(name);
        if (i != null) return Optional.of(i);
        if (name.startsWith("struct ") || name.startsWith("union ")) {
            return struct(name).map(r -> (Type) r).or(() -> Optional.of(new Type.Record(strip(name), List.of(), 0)));
        }
        if (scriptStructs.containsKey(name)) return Optional.of(scriptStructs.get(name));
        try {
            return Btf.vmlinux().typedef(name).or(() -> Btf.vmlinux().struct(name).map(r -> (Type) r));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Lays a script struct out with C's natural alignment. */
    private Type.Record layout(StructDef d) {
        List<Type.Field> fields = new ArrayList<>();
        int off = 0, maxAlign = 1;
        for (StructDef.FieldDecl f : d.fields()) {
            Type t = fieldType(f);
            int align = alignment(t);
            maxAlign = Math.max(maxAlign, align);
            off = (off + align - 1) / align * align;
            fields.add(new Type.Field(f.name(), off, t));
            off += t.size();
        }
        int size = (off + maxAlign - 1) / maxAlign * maxAlign;
        return new Type.Record(strip(d.name()), fields, size);
    }

    private Type fieldType(StructDef.FieldDecl f) {
        Type base;
        if (f.pointerDepth() > 0) {
            Type target = named(f.typeName()).orElse(Type.Int.U8);
            base = new Type.Pointer(target instanceof Type.Record r ? new Type.Record(r.name(), List.of(), r.size()) : target, false);
        } else {
            base = named(f.typeName()).orElse(Type.Int.S64);
        }
        return f.arrayLength() > 0 ? new Type.Array(base, f.arrayLength()) : base;
    }

    private static int alignment(Type t) {
        if (t instanceof Type.Array a) return alignment(a.element());
        if (t instanceof Type.Record r) return r.fields().stream().mapToInt(f -> alignment(f.type())).max().orElse(1);
        return Math.max(1, Math.min(8, t.size()));
    }
}
