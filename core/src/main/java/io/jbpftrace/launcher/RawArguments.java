package io.jbpftrace.launcher;

import io.jbpftrace.lang.ScriptText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as the bytes the user typed. The JVM decodes arguments with the locale's
 * charset: under the C locale a UTF-8 {@code -e} program loses its non-ASCII characters, and an
 * invalid byte cuts the argument short. /proc/self/cmdline still has the bytes; decoded with
 * {@link ScriptText#decode}, an invalid byte is reported where it is.
 */
final class RawArguments {
    private RawArguments() {}

    /** The arguments decoded from their bytes, or {@code args} as they are where those cannot be matched up. */
    static String[] recover(String[] args) {
        try {
            return recover(args, Files.readAllBytes(Path.of("/proc/self/cmdline")));
        } catch (IOException | RuntimeException e) {
            return args;
        }
    }

    /** @param cmdline the JVM's whole command line, each argument followed by a NUL byte */
    static String[] recover(String[] args, byte[] cmdline) {
        List<byte[]> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                all.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (all.size() < args.length) return args;
        // Main's arguments are the last ones; check the ASCII ones agree before trusting the rest.
        String[] out = new String[args.length];
        int offset = all.size() - args.length;
        for (int i = 0; i < args.length; i++) {
            String decoded = ScriptText.decode(all.get(offset + i));
            if (isAscii(args[i]) && !decoded.equals(args[i])) return args;
            out[i] = decoded;
        }
        return out;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
