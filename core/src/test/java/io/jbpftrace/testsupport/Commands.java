package io.jbpftrace.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools tests lean on (gcc, objdump, the built jbpftrace launcher), shared by core and the
 * provider modules through core's test jar. A missing tool skips the test instead of failing it.
 */
public final class Commands {
    private Commands() {}

    /** Runs {@code cmd}; returns stdout and stderr together, fails on a non-zero exit. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, cmd.get(0) + " is not installed");
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(cmd + " failed:\n" + output);
        return output;
    }

    /** objdump's file offset of {@code function}: an oracle independent of our own ELF reading. */
    public static long objdumpFileOffset(Path binary, String function) throws IOException, InterruptedException {
        String out = run(List.of("objdump", "-d", "-F", "--disassemble=" + function, binary.toString()));
        var m = java.util.regex.Pattern.compile("<" + function + "> \\(File Offset: 0x([0-9a-f]+)\\)").matcher(out);
        if (!m.find()) throw new AssertionError("objdump did not find " + function + ":\n" + out);
        return Long.parseLong(m.group(1), 16);
    }

    /** Runs the launcher with {@code args} to its end (60 s at most); returns stdout and stderr together. */
    public static String jbpftrace(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jbpftrace did not exit: " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
