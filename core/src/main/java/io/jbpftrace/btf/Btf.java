package io.jbpftrace.btf;

import io.jbpftrace.types.Type;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Kernel types from BTF. Lookups return language {@link Type}s: structs and unions as
 * {@link Type.Record}s whose pointer fields point at shallow records (name and size, no fields;
 * call {@link #struct} with that name to go one level deeper), typedefs resolved to what they
 * name, and function prototypes for typed arguments. Instances are immutable and thread-safe.
 *
 * <p>Mapping notes: bitfield members are left out of records; anonymous struct/union members are
 * flattened into their parent; enums and floats read as integers of their size; pointers to void
 * read as {@code u8 *} and pointers to functions as {@code u64 *}; a pointer whose target carries
 * the {@code user} type tag is a user pointer.
 */
public final class Btf {
    public static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    private static final int READ_CHUNK = 8192;
    private static volatile Btf vmlinux;

    private final Btf base;
    private final BtfData data;
    private final TypeMapper mapper;
    private final NameIndex names;
    private final Enumerators enumerators;

    private Btf(Btf base, BtfData data) {
        this.base = base;
        this.data = data;
        this.mapper = new TypeMapper(data);
        this.names = new NameIndex(data);
        this.enumerators = new Enumerators(data);
    }

    /** The running kernel's BTF, read once. @throws BtfException if it is missing or unreadable */
    public static Btf vmlinux() {
        Btf b = vmlinux;
        if (b == null) {
            synchronized (Btf.class) {
                if ((b = vmlinux) == null) vmlinux = b = read(VMLINUX, null);
            }
        }
        return b;
    }

    /** A BTF file: vmlinux, or a module's ({@code /sys/kernel/btf/<module>}) on top of {@code base}. */
    public static Btf read(Path file, Btf base) {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return parse(ByteBuffer.wrap(readFully(in, file.toFile().length())), base);
        } catch (IOException e) {
            throw new BtfException("cannot read kernel BTF " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * sysfs hands out one page per read() whatever the request; small requests also spare
     * FileInputStream a native buffer of the request's size per call. The size is a hint only.
     */
    private static byte[] readFully(InputStream in, long sizeHint) throws IOException {
        byte[] bytes = new byte[(int) Math.max(4096, Math.min(sizeHint + 1, Integer.MAX_VALUE - 8))];
        int length = 0;
        for (int n; (n = in.read(bytes, length, Math.min(READ_CHUNK, bytes.length - length))) > 0; ) {
            length += n;
            if (length == bytes.length) bytes = Arrays.copyOf(bytes, length * 2);
        }
        return Arrays.copyOf(bytes, length);
    }

    /** Self-contained raw BTF, either byte order. The buffer must not change afterwards. */
    public static Btf parse(ByteBuffer raw) { return parse(raw, null); }

    /** Split BTF (a kernel module's), whose type ids and strings continue those of {@code base}. */
    public static Btf parse(ByteBuffer raw, Btf base) {
        return new Btf(base, BtfData.parse(raw, base == null ? null : base.data));
    }

    /**
     * A struct or union with all its fields: "task_struct", "struct task_struct" or "union
     * bpf_attr". A bare name is looked up as a struct first, then as a union.
     */
    public Optional<Type.Record> struct(String name) {
        String n = name.strip();
        int id;
        if (n.startsWith("struct ")) id = lookup(BtfKind.STRUCT, n.substring(7).strip());
        else if (n.startsWith("union ")) id = lookup(BtfKind.UNION, n.substring(6).strip());
        else {
            id = lookup(BtfKind.STRUCT, n);
            if (id == 0) id = lookup(BtfKind.UNION, n);
        }
        return id == 0 ? Optional.empty() : Optional.of(mapper.record(id));
    }

    /** What a typedef names, resolved through further typedefs and qualifiers: "pid_t" → s32. */
    public Optional<Type> typedef(String name) {
        int id = lookup(BtfKind.TYPEDEF, name);
        return id == 0 ? Optional.empty() : Optional.of(mapper.valueType(id));
    }

    /** The value of the enumerator {@code name} of any enum (a split blob's own enums first, then its base's). */
    public OptionalLong enumerator(String name) {
        OptionalLong v = enumerators.find(name);
        return v.isEmpty() && base != null ? base.enumerator(name) : v;
    }

    /** A kernel function's prototype, for typed arguments of fentry/kfunc probes. */
    public Optional<FuncProto> function(String name) {
        int id = lookup(BtfKind.FUNC, name);
        return id == 0 ? Optional.empty() : Optional.of(mapper.function(id));
    }

    /** The BTF type id of the FUNC named {@code name}: what fentry/fexit programs are loaded against. */
    public OptionalInt functionId(String name) {
        int id = lookup(BtfKind.FUNC, name);
        return id == 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Every function name this blob (not its base) describes, sorted, each once: for wildcards and listing. */
    public List<String> functionNames() { return names.all(BtfKind.FUNC); }

    /** A split blob's own definitions first, then its base's. */
    private int lookup(int kind, String name) {
        int id = names.find(kind, name);
        return id == 0 && base != null ? base.lookup(kind, name) : id;
    }

    /** Number of type ids, including void (id 0) and a split blob's base types. */
    public int typeCount() { return data.typeLimit(); }

    /**
     * A function's name, parameters (a name may be empty) and return type ({@link Type#VOID} for
     * void). A variadic function's {@code ...} is not listed.
     */
    public record FuncProto(String name, List<Param> params, Type returnType) {
        public record Param(String name, Type type) {}
    }
}
