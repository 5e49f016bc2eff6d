package io.jbpftrace.types;

import java.util.List;
import java.util.Optional;

/** Value types of the language, shared by the compiler and providers (builtins, tracepoint args). */
public sealed interface Type {

    /** Bytes the value occupies in a map, an event or on the BPF stack. */
    int size();

    /** Fixed-size integer; all integers live in 64-bit registers, size and sign matter when printing and storing. */
    record Int(int size, boolean signed) implements Type {
        public static final Int U8 = new Int(1, false), U16 = new Int(2, false), U32 = new Int(4, false), U64 = new Int(8, false);
        public static final Int S8 = new Int(1, true), S16 = new Int(2, true), S32 = new Int(4, true), S64 = new Int(8, true);
    }

    /** NUL-terminated string in a fixed buffer (comm: 16, str(): strlen). */
    record Str(int size) implements Type {}

    /** Pointer to kernel or user memory. */
    record Pointer(Type target, boolean user) implements Type {
        public int size() { return 8; }
    }

    /** Fixed array inside a record, e.g. {@code char comm[16]}. */
    record Array(Type element, int length) implements Type {
        public int size() { return element.size() * length; }
    }

    /** A tracepoint {@code __data_loc} field: u32 holding (length << 16 | offset) of data in the record. */
    record DataLoc(Type element) implements Type {
        public int size() { return 4; }
    }

    /** A struct; {@code args} of a tracepoint is one, living in the probe context. */
    record Record(String name, List<Field> fields, int size) implements Type {
        public Optional<Field> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }
    }

    record Field(String name, int offset, Type type) {}

    /** The name of the probe that fired, kept as an index into the program's probe table. */
    record ProbeName() implements Type {
        public int size() { return 8; }

        // Written out: a record's generated equals is bootstrapped on first use, ~20 ms of spun
        // method-handle classes in a fresh JVM, and @[probe] scripts compare this one first.
        @Override public boolean equals(Object o) { return o instanceof ProbeName; }

        @Override public int hashCode() { return ProbeName.class.hashCode(); }
    }

    /**
     * A stack trace id from bpf_get_stackid; for user stacks the pid rides in the upper 32 bits so
     * userspace knows whose addresses to symbolize.
     *
     * @param mode  "bpftrace", "perf" or "raw": how the frames print
     * @param limit how many frames are kept
     */
    record Stack(boolean user, String mode, int limit) implements Type {
        public int size() { return 8; }
    }

    /** An address printed as its symbol: ksym() (kernel) or usym() (user, pid in the upper half is not kept). */
    record Symbol(boolean user) implements Type {
        public int size() { return 8; }
    }

    /**
     * Bytes that userspace turns into text: {@code inet} (ntop: u64 family + 16 address bytes),
     * {@code mac} (6 bytes), {@code buf} (u64 length + data), {@code time} (strftime: boot-time ns;
     * detail holds the format).
     */
    record Printable(String kind, int size, String detail) implements Type {}

    /** Several values side by side: {@code (a, b)} and multi-key map keys. Elements are 8-byte aligned. */
    record Tuple(List<Type> elements) implements Type {
        public int size() { return elements.stream().mapToInt(e -> align8(e.size())).sum(); }

        public int offsetOf(int index) {
            int off = 0;
            for (int i = 0; i < index; i++) off += align8(elements.get(i).size());
            return off;
        }
    }

    static int align8(int n) { return (n + 7) & ~7; }

    /** No value (statement-only calls). */
    record Void() implements Type {
        public int size() { return 0; }
    }

    Void VOID = new Void();

    /** A character type (int8) whose pointers and arrays read as strings. */
    static boolean isChar(Type t) { return t instanceof Int i && i.size() == 1; }
}
