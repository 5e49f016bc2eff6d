package io.jbpftrace.provider.kprobe;

/**
 * One traceable kernel function from tracefs' available_filter_functions.
 *
 * @param name   the function
 * @param module its module, or null in the kernel image
 */
record KernelFunction(String name, String module) {

    /** Parses {@code vfs_read} or {@code ext4_file_open [ext4]}; null for an empty line. */
    static KernelFunction parse(String line) {
        String s = line.strip();
        if (s.isEmpty()) return null;
        int space = s.indexOf(' ');
        if (space < 0) return new KernelFunction(s, null);
        String rest = s.substring(space).strip();
        String module = rest.startsWith("[") && rest.endsWith("]") ? rest.substring(1, rest.length() - 1) : null;
        return new KernelFunction(s.substring(0, space), module);
    }

    /** The name the kernel resolves and probe names show: {@code func} or {@code mod:func}. */
    String qualified() { return module == null ? name : module + ":" + name; }
}
