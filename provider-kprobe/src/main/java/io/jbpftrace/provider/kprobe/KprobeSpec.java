package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.ProbeException;

/**
 * The function part of a kprobe: {@code vfs_read}, {@code vfs_read+16}, {@code vfs_*}, or the same
 * qualified by a module ({@code ext4:ext4_file_open}).
 *
 * @param module   the module, or null for any (the kernel image or a module)
 * @param function a function name or a wildcard pattern
 * @param offset   bytes into the function (only without wildcards)
 */
record KprobeSpec(String module, String function, long offset) {

    static KprobeSpec parse(AttachPoint probe) throws ProbeException {
        int parts = probe.parts().size();
        if (parts < 1 || parts > 2) throw new ProbeException(probe.type() + " probe type requires 1 or 2 arguments");
        String module = parts == 2 ? probe.part(0) : null;
        String text = probe.part(parts - 1);
        if (text.isEmpty() || (module != null && module.isEmpty())) {
            throw new ProbeException(probe.type() + " needs a function name or pattern: " + probe.raw());
        }
        int plus = text.lastIndexOf('+');
        if (plus > 0 && !Glob.hasWildcard(text)) {
            return new KprobeSpec(module, text.substring(0, plus), offset(text.substring(plus + 1), text));
        }
        return new KprobeSpec(module, text, 0);
    }

    boolean wildcard() { return Glob.hasWildcard(function) || (module != null && Glob.hasWildcard(module)); }

    /** The symbol the kernel resolves: {@code mod:func} finds a module's function (kallsyms syntax). */
    String symbol() { return module == null ? function : module + ":" + function; }

    /** The function part as probe names show it. */
    String text() { return symbol() + (offset != 0 ? "+" + offset : ""); }

    private static long offset(String digits, String whole) throws ProbeException {
        try {
            return digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new ProbeException("invalid kprobe offset: " + whole);
        }
    }
}
