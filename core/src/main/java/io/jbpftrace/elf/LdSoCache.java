package io.jbpftrace.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dynamic linker's library index, /etc/ld.so.cache (the table {@code ldconfig -p} prints), in
 * glibc's "glibc-ld.so.cache1.1" format. Lets a probe name a library as {@code libc} instead of a path.
 */
public final class LdSoCache {
    public static final Path SYSTEM = Path.of("/etc/ld.so.cache");
    private static final byte[] MAGIC = "glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 48, N_LIBS = 20, ENTRY_SIZE = 24, E_FLAGS = 0, E_KEY = 4, E_VALUE = 8;
    /** The architecture byte of an entry's flags: FLAG_X8664_LIB64, FLAG_AARCH64_LIB64. */
    private static final int ARCH_MASK = 0xff00, ARCH_X86_64 = 0x0300, ARCH_AARCH64 = 0x0a00;

    private static volatile LdSoCache system;

    /** One library: its soname ({@code libc.so.6}), the linker's flags and where it lives. */
    public record Entry(String soname, int flags, Path path) {}

    private final List<Entry> entries;

    private LdSoCache(List<Entry> entries) { this.entries = List.copyOf(entries); }

    /** The system cache, read once; empty when the file is missing or unreadable. */
    public static LdSoCache system() {
        LdSoCache cache = system;
        if (cache == null) {
            try {
                cache = read(SYSTEM);
            } catch (IOException e) {
                cache = new LdSoCache(List.of()); // no cache: libraries can still be named by path
            }
            system = cache;
        }
        return cache;
    }

    public static LdSoCache read(Path file) throws IOException { return parse(Files.readAllBytes(file)); }

    /** Parses a cache image; an old-format prefix ("ld.so-1.7.0") is skipped up to the new header. */
    static LdSoCache parse(byte[] image) throws IOException {
        int base = indexOf(image, MAGIC);
        if (base < 0) throw new IOException("not a glibc-ld.so.cache1.1 file");
        ByteBuffer buf = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
        int count = buf.getInt(base + N_LIBS);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = base + HEADER_SIZE + i * ENTRY_SIZE;
            if (at + ENTRY_SIZE > image.length) throw new IOException("truncated ld.so.cache");
            // String offsets count from the start of the new-format header.
            String soname = cString(image, base + buf.getInt(at + E_KEY));
            String path = cString(image, base + buf.getInt(at + E_VALUE));
            entries.add(new Entry(soname, buf.getInt(at + E_FLAGS), Path.of(path)));
        }
        return new LdSoCache(entries);
    }

    public List<Entry> entries() { return entries; }

    /**
     * The library {@code name} stands for, for this machine's architecture: an exact soname, else the
     * first soname starting with {@code name.so} ({@code libc} finds libc.so.6), else with
     * {@code libname.so} as the bcc tools accept ({@code c}).
     */
    public Optional<Path> find(String name) {
        for (String prefix : new String[] {null, name + ".so", "lib" + name + ".so"}) {
            for (Entry e : entries) {
                if (!forThisArch(e.flags())) continue;
                if (prefix == null ? e.soname().equals(name) : e.soname().startsWith(prefix)) return Optional.of(e.path());
            }
        }
        return Optional.empty();
    }

    private static boolean forThisArch(int flags) {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> (flags & ARCH_MASK) == ARCH_X86_64;
            case "aarch64" -> (flags & ARCH_MASK) == ARCH_AARCH64;
            default -> true;
        };
    }

    private static String cString(byte[] image, int from) throws IOException {
        if (from < 0 || from >= image.length) throw new IOException("ld.so.cache string offset out of range");
        int end = from;
        while (end < image.length && image[end] != 0) end++;
        return new String(image, from, end - from, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
