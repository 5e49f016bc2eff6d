package io.jbpftrace.provider.uprobe;

import io.jbpftrace.testsupport.Commands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds src/test/c/uprobe_target.c with gcc (fixed-address and PIE) and runs it. */
final class TargetProgram {
    private TargetProgram() {}

    private static final Path SOURCE = Path.of("src/test/c/uprobe_target.c");
    private static final Path DIR = Path.of("target/uprobe-target");

    static Path fixedAddress() throws IOException, InterruptedException { return build("uprobe_target", "-no-pie", "-fno-pie"); }

    static Path pie() throws IOException, InterruptedException { return build("uprobe_target_pie", "-pie", "-fPIE"); }

    private static synchronized Path build(String name, String... flags) throws IOException, InterruptedException {
        Path out = DIR.resolve(name).toAbsolutePath();
        if (Files.isExecutable(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(SOURCE)) > 0) return out;
        Files.createDirectories(DIR);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-g0"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", out.toString(), SOURCE.toString()));
        Commands.run(cmd);
        return out;
    }

    /** A started target, waiting for its go signal. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final BufferedReader out;

        Running(Path binary, int calls) throws IOException {
            process = new ProcessBuilder(binary.toString(), Integer.toString(calls)).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"ready".equals(ready)) throw new IOException("target said " + ready);
        }

        int pid() { return (int) process.pid(); }

        /** Lets it call add() and waits for it to finish; returns the sum it printed. */
        long go() throws IOException, InterruptedException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
            String sum = out.readLine();
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IOException("target did not finish");
            return Long.parseLong(sum.trim());
        }

        @Override public void close() { process.destroyForcibly(); }
    }
}
