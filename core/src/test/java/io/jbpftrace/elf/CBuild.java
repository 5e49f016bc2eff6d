package io.jbpftrace.elf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles small C programs with gcc for the ELF tests, and runs binutils as an independent oracle. */
final class CBuild {
    private CBuild() {}

    static final Path DIR = Path.of("target", "elf-test");

    static final String SOURCE = """
            #include <stdio.h>
            __attribute__((noipa)) int add(int a, int b) { return a + b; }
            __attribute__((noipa)) int add_twice(int a, int b) { return add(add(a, b), b); }
            static __attribute__((noipa)) int sub(int a, int b) { return a - b; }
            int main(int argc, char **argv) { printf("%d\\n", add_twice(argc, 2) + sub(argc, 1)); return 0; }
            """;

    /** Builds {@link #SOURCE} once per flag set into target/elf-test/{name}. */
    static Path program(String name, String... flags) throws IOException, InterruptedException {
        Path out = DIR.resolve(name).toAbsolutePath();
        if (Files.isExecutable(out)) return out;
        Files.createDirectories(DIR);
        Path src = DIR.resolve("symbols.c");
        Files.writeString(src, SOURCE);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-g0"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", out.toString(), src.toString()));
        run(cmd);
        return out;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
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

    /** objdump's own idea of where {@code function} starts in the file ("(File Offset: 0x1139)"). */
    static long objdumpFileOffset(Path binary, String function) throws IOException, InterruptedException {
        String out = run(List.of("objdump", "-d", "-F", "--disassemble=" + function, binary.toString()));
        var m = java.util.regex.Pattern.compile("<" + function + "> \\(File Offset: 0x([0-9a-f]+)\\)").matcher(out);
        if (!m.find()) throw new AssertionError("objdump did not find " + function + ":\n" + out);
        return Long.parseLong(m.group(1), 16);
    }
}
