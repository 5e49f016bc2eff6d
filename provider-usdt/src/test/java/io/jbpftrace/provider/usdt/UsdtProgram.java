package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.testsupport.Commands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the USDT test programs from src/test/c with gcc and sys/sdt.h: libusdt_lib.so, and
 * usdt_target at -O2 (register and sub-register operands, constants) and -O0 (frame-relative memory
 * operands); both link the library through an $ORIGIN rpath.
 */
final class UsdtProgram {
    private UsdtProgram() {}

    private static final Path SRC = Path.of("src/test/c");
    private static final Path DIR = Path.of("target/usdt-target").toAbsolutePath();

    static Path optimized() throws IOException, InterruptedException { return build("usdt_target", "-O2"); }

    static Path unoptimized() throws IOException, InterruptedException { return build("usdt_target_O0", "-O0"); }

    static Path library() throws IOException, InterruptedException {
        build("usdt_target", "-O2");
        return DIR.resolve("libusdt_lib.so");
    }

    private static synchronized Path build(String name, String opt) throws IOException, InterruptedException {
        Path out = DIR.resolve(name);
        Path lib = DIR.resolve("libusdt_lib.so");
        if (upToDate(out) && upToDate(lib)) return out;
        assumeTrue(Files.exists(Path.of("/usr/include/x86_64-linux-gnu/sys/sdt.h")) || Files.exists(Path.of("/usr/include/sys/sdt.h")),
                "sys/sdt.h (systemtap-sdt-dev) is not installed");
        Files.createDirectories(DIR);
        Commands.run(List.of("gcc", "-O2", "-shared", "-fPIC", "-o", lib.toString(), SRC.resolve("usdt_lib.c").toString()));
        Commands.run(List.of("gcc", opt, "-o", out.toString(), SRC.resolve("usdt_target.c").toString(), SRC.resolve("usdt_guarded.c").toString(),
                "-L" + DIR, "-lusdt_lib", "-Wl,-rpath,$ORIGIN"));
        return out;
    }

    private static boolean upToDate(Path out) throws IOException {
        if (!Files.exists(out)) return false;
        try (var sources = Files.list(SRC)) {
            for (Path s : sources.toList()) {
                if (Files.getLastModifiedTime(s).compareTo(Files.getLastModifiedTime(out)) > 0) return false;
            }
        }
        return true;
    }

    /** A started target ({@code usdt_target N wait}) that fires its probes when told to. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final BufferedReader out;

        Running(Path binary, int rounds) throws IOException {
            process = new ProcessBuilder(binary.toString(), Integer.toString(rounds), "wait").redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) throw new IOException("target said " + ready);
        }

        int pid() { return (int) process.pid(); }

        /** Fires the probes and returns how many rounds saw the guarded probe enabled. */
        int go() throws IOException, InterruptedException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IOException("target did not finish");
            return Integer.parseInt(line.substring("guarded ".length()).trim());
        }

        @Override public void close() { process.destroyForcibly(); }
    }
}
