package io.jbpftrace.provider.tracepoint;

/**
 * One {@code field:} line of a tracepoint format file, as the kernel wrote it.
 *
 * @param cType    declared C type without the field name, e.g. {@code const char *} or {@code __data_loc char[]}
 * @param name     field name without any array suffix
 * @param arrayLength the {@code [N]} of an array field, 0 when not an array or when N is not a number
 * @param isArray  whether the name carried a {@code [N]} suffix
 */
public record FormatField(String cType, String name, boolean isArray, int arrayLength,
                          int offset, int size, boolean signed) {

    /** The kernel's bookkeeping header ({@code common_pid} ...) that BPF programs may not read. */
    public boolean isCommon() { return name.startsWith("common_"); }

    /** The declaration as {@code bpftrace -lv} prints it: {@code char prev_comm[16]}. */
    public String declaration() {
        String suffix = !isArray ? "" : "[" + (arrayLength > 0 ? arrayLength : "") + "]";
        return cType + " " + name + suffix;
    }
}
