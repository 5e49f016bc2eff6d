package io.jbpftrace.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdSoCacheTest {
    private static final int X86_64_LIBC6 = 0x0303, I386_LIBC6 = 0x0003;

    /** A glibc-ld.so.cache1.1 image: header, 24-byte entries, then strings (offsets from the header). */
    static byte[] image(String prefix, List<String[]> libs, List<Integer> flags) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int stringBase = 48 + 24 * libs.size();
        ByteBuffer head = ByteBuffer.allocate(stringBase).order(ByteOrder.nativeOrder());
        head.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        head.putInt(20, libs.size());
        for (int i = 0; i < libs.size(); i++) {
            int at = 48 + 24 * i;
            head.putInt(at, flags.get(i));
            head.putInt(at + 4, stringBase + strings.size());
            strings.writeBytes((libs.get(i)[0] + "\0").getBytes(StandardCharsets.UTF_8));
            head.putInt(at + 8, stringBase + strings.size());
            strings.writeBytes((libs.get(i)[1] + "\0").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(head.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    @Test void parsesEntriesAndPicksThisArchitecture() throws IOException {
        LdSoCache cache = LdSoCache.parse(image("", List.of(
                new String[] {"libcrypt.so.1", "/lib/x86_64-linux-gnu/libcrypt.so.1"},
                new String[] {"libc.so.6", "/lib/i386-linux-gnu/libc.so.6"},
                new String[] {"libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"}),
                List.of(X86_64_LIBC6, I386_LIBC6, X86_64_LIBC6)));
        assertEquals(3, cache.entries().size());
        assertEquals(new LdSoCache.Entry("libcrypt.so.1", X86_64_LIBC6, Path.of("/lib/x86_64-linux-gnu/libcrypt.so.1")),
                cache.entries().get(0));
        if (System.getProperty("os.arch").equals("amd64")) {
            assertEquals(Optional.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), cache.find("libc"));
            assertEquals(Optional.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), cache.find("c"));
            assertEquals(Optional.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), cache.find("libc.so.6"));
            assertEquals(Optional.of(Path.of("/lib/x86_64-linux-gnu/libcrypt.so.1")), cache.find("libcrypt"));
        }
        assertEquals(Optional.empty(), cache.find("libz"));
    }

    @Test void skipsAnOldFormatPrefix() throws IOException {
        byte[] withPrefix = image("ld.so-1.7.0\0\0\0\0\0", List.<String[]>of(new String[] {"libz.so.1", "/lib/libz.so.1"}),
                List.of(X86_64_LIBC6));
        assertEquals("libz.so.1", LdSoCache.parse(withPrefix).entries().get(0).soname());
    }

    @Test void rejectsOtherFiles() {
        assertThrows(IOException.class, () -> LdSoCache.parse("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test void systemCacheKnowsLibc() {
        Path libc = LdSoCache.system().find("libc").orElseThrow();
        assertTrue(libc.getFileName().toString().startsWith("libc.so."), libc.toString());
        assertTrue(LdSoCache.system() == LdSoCache.system(), "read once");
    }
}
