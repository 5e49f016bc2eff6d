package io.jbpftrace.provider.tracepoint;

import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns format-file fields into the language's types, the way bpftrace reads them. */
final class FieldTypes {
    private FieldTypes() {}

    /**
     * The {@code args} record of a tracepoint. Common header fields are left out: BPF programs
     * cannot read them, and {@code bpftrace -lv} does not show them either.
     *
     * @param userPointers pointer fields point to user memory (syscall arguments)
     */
    static Type.Record record(String structName, TracepointFormat format, boolean userPointers) {
        List<Type.Field> fields = new ArrayList<>();
        for (FormatField f : format.scriptFields()) {
            fields.add(new Type.Field(f.name(), f.offset(), type(f, userPointers)));
        }
        return new Type.Record(structName, List.copyOf(fields), format.recordSize());
    }

    static Type type(FormatField f, boolean userPointers) {
        String cType = CIntegers.normalize(f.cType());
        if (cType.startsWith("__data_loc")) {
            String element = cType.substring("__data_loc".length()).replace("[]", "").trim();
            return new Type.DataLoc(element(element, CIntegers.size(element).orElse(1), f.signed()));
        }
        if (f.isArray()) return array(f, cType);
        if (cType.endsWith("*")) return pointer(cType, userPointers);
        if (isIntSize(f.size())) {
            // The format's size wins over the C name: syscall arguments are all 8 bytes wide
            // ("int dfd; size:8"), and bpftrace reads them as 64-bit integers too.
            return new Type.Int(f.size(), CIntegers.signed(cType).orElse(f.signed()));
        }
        return new Type.Array(Type.Int.U8, f.size()); // a struct or union we cannot look into
    }

    /** {@code const char *const * argv} is a pointer to pointers to chars: each level keeps its target. */
    private static Type pointer(String cType, boolean userPointers) {
        String target = cType.substring(0, cType.length() - 1).replaceAll("\\bconst\\b", "").trim();
        if (target.endsWith("*")) return new Type.Pointer(pointer(target, userPointers), userPointers);
        return new Type.Pointer(pointee(target), userPointers);
    }

    /**
     * What a pointer field points at. {@code struct NAME} and {@code union NAME} become a record
     * known by name only, which the compiler completes from the kernel's types when a field of it
     * is read; integers keep their width; anything else ({@code void}, typedefs) reads as bytes.
     */
    static Type pointee(String target) {
        String t = CIntegers.normalize(target);
        if (isChar(t)) return Type.Int.S8;
        Matcher named = NAMED.matcher(t);
        if (named.matches()) return new Type.Record(named.group(1), List.of(), 0);
        return CIntegers.size(t).filter(FieldTypes::isIntSize)
                .map(size -> (Type) new Type.Int(size, CIntegers.signed(t).orElse(false)))
                .orElse(Type.Int.U8);
    }

    private static final Pattern NAMED = Pattern.compile("(?:struct|union) (\\w+)");

    private static Type array(FormatField f, String cType) {
        if (isChar(cType)) return new Type.Array(Type.Int.S8, f.size());
        // The length may be a macro name ("mask[NR_MASK]"): then the element's known width gives it.
        int elementSize = f.arrayLength() > 0 ? f.size() / f.arrayLength() : CIntegers.size(cType).orElse(0);
        if (!isIntSize(elementSize) || f.size() % elementSize != 0) return new Type.Array(Type.Int.U8, f.size());
        return new Type.Array(element(cType, elementSize, f.signed()), f.size() / elementSize);
    }

    private static Type element(String cType, int size, boolean signedFlag) {
        if (isChar(cType)) return Type.Int.S8;
        return new Type.Int(isIntSize(size) ? size : 1, CIntegers.signed(cType).orElse(signedFlag));
    }

    /** Plain {@code char} reads as text; {@code unsigned char} arrays (addresses, hashes) are bytes. */
    private static boolean isChar(String cType) {
        String t = CIntegers.normalize(cType);
        return t.equals("char") || t.equals("signed char");
    }

    private static boolean isIntSize(int size) { return size == 1 || size == 2 || size == 4 || size == 8; }
}
