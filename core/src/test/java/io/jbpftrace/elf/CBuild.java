package io.jbpftrace.elf;

import io.jbpftrace.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles small C programs with gcc for the ELF tests. */
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
        Commands.run(cmd);
        return out;
    }
}
