package io.jbpftrace.symbols;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds src/test/c/busy.c (PIE, frame pointers) and runs it; it tells where its functions live. */
final class BusyProgram implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/busy.c");
    private static final Path BINARY = Path.of("target/test-c/busy_O0_fp").toAbsolutePath();

    final Process process;
    final long spinLeaf, spinMiddle, getppid;

    BusyProgram(double seconds) throws IOException {
        process = new ProcessBuilder(build().toString(), Double.toString(seconds)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String[] addresses = out.readLine().trim().split(" ");
        spinLeaf = hex(addresses[0]);
        spinMiddle = hex(addresses[1]);
        getppid = hex(addresses[2]);
    }

    int pid() { return (int) process.pid(); }

    static synchronized Path build() throws IOException {
        if (Files.isExecutable(BINARY) && Files.getLastModifiedTime(BINARY).compareTo(Files.getLastModifiedTime(SOURCE)) > 0) {
            return BINARY;
        }
        Files.createDirectories(BINARY.getParent());
        List<String> cmd = List.of("gcc", "-O0", "-fno-omit-frame-pointer", "-pie", "-fPIE", "-o", BINARY.toString(), SOURCE.toString());
        Process gcc;
        try {
            gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is not installed");
            throw e;
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) throw new IOException(cmd + " failed:\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return BINARY;
    }

    private static long hex(String s) { return Long.parseUnsignedLong(s.substring(2), 16); }

    void waitForExit() throws InterruptedException { process.waitFor(30, TimeUnit.SECONDS); }

    @Override public void close() { process.destroyForcibly(); }
}
