package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A TLS exchange on loopback between two openssl processes (both use libssl): s_server with a fresh
 * self-signed certificate, answering each line with the line reversed (-rev), and s_client sending one line.
 */
final class TlsPair implements AutoCloseable {
    private final Process server;

    private TlsPair(Process server) { this.server = server; }

    /** Makes a certificate in {@code dir} and starts the server; returns once it accepts connections. */
    static TlsPair start(Path dir) throws IOException {
        Path key = dir.resolve("key.pem"), cert = dir.resolve("cert.pem");
        assertEquals(0, Commands.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=localhost", "-days", "1"),
                "openssl req could not make a certificate");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", cert.toString(),
                "-key", key.toString(), "-naccept", "1", "-rev").redirectErrorStream(true).start();
        TlsPair pair = new TlsPair(server);
        pair.port = port;
        pair.readUntil(server.getInputStream(), "ACCEPT");
        return pair;
    }

    private int port;

    long serverPid() { return server.pid(); }

    /** Runs s_client: it sends {@code line} and waits for the reversed answer; returns the client's pid. */
    long exchange(String line) throws IOException, InterruptedException {
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief")
                .redirectErrorStream(true).start();
        try {
            client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            readUntil(client.getInputStream(), new StringBuilder(line).reverse().toString());
            client.getOutputStream().close();
            if (!client.waitFor(10, TimeUnit.SECONDS)) fail("s_client did not end");
            return client.pid();
        } finally {
            client.destroyForcibly();
        }
    }

    /** Reads (≤ 10 s) until {@code text} was seen; fails with what came otherwise. */
    private void readUntil(InputStream in, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.indexOf(text) < 0) {
            if (System.nanoTime() > deadline) fail("openssl did not print " + text + ":\n" + seen);
            if (in.available() == 0) {
                ToolRun.sleep(20);
                continue;
            }
            int b = in.read();
            if (b < 0) fail("openssl ended before printing " + text + ":\n" + seen);
            seen.append((char) b);
        }
    }

    @Override
    public void close() { server.destroyForcibly(); }
}
