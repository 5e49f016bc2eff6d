package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TCP tools against loopback connections this JVM makes: the test opens the listening port, so it
 * knows the endpoints (and this process's pid) each line must show.
 */
@ExtendWith(RequiresRoot.class)
class NetworkToolsRunTest {
    private static final long SELF = ProcessHandle.current().pid();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** 127.0.0.1 as the tools print it: Java's sockets are dual-stack, so it is IPv4-mapped IPv6. */
    private static final String ADDR = "(?:::ffff:)?127\\.0\\.0\\.1";
    /** comm as the tools print it: %-16s. */
    private static final String COMM = ".{16}";

    @Test
    void tcpconnectShowsAnAcceptedAndARefusedConnection() throws IOException {
        int closed = closedPort();
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
             ToolRun t = ToolRun.start("tcpconnect").awaitAttached(2)) {
            int clientPort;
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
                clientPort = client.getLocalPort();
            }
            assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, closed).close());
            String refused = "^\\d\\d:\\d\\d:\\d\\d " + SELF + " +" + COMM + " " + ADDR + " +\\d+ +" + ADDR + " +" + closed + " +\\d+ FAIL$";
            ToolLines.awaitLine(t, refused);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     COMM             SADDR           SPORT  DADDR           DPORT   LAT(us) RESULT", r);
            ToolLines.find("^\\d\\d:\\d\\d:\\d\\d " + SELF + " +" + COMM + " " + ADDR + " +" + clientPort
                    + " +" + ADDR + " +" + server.getLocalPort() + " +\\d+ OK$", r);
        }
    }

    @Test
    void tcpacceptShowsTheAcceptingProcessAndTheTimeInTheBacklog() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
             ToolRun t = ToolRun.start("tcpaccept").awaitAttached(4);
             Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
            ToolRun.sleep(200); // queued, not yet accepted
            server.accept().close();
            String line = "^\\d\\d:\\d\\d:\\d\\d " + SELF + " +" + COMM + " " + ADDR + " +" + client.getLocalPort()
                    + " +" + ADDR + " +" + server.getLocalPort() + " +(\\d+)$";
            ToolLines.awaitLine(t, line);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     PID     COMM             RADDR           RPORT  LADDR           LPORT  WAIT(us)", r);
            long waited = Long.parseLong(ToolLines.find(line, r).group(1));
            assertTrue(waited >= 200_000 && waited < 10_000_000, "accepted after 200 ms in the backlog, WAIT(us) = " + waited);
        }
    }

    @Test
    void tcplifeShowsBothEndsWithTheirBytes() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
             ToolRun t = ToolRun.start("tcplife").awaitAttached(3)) {
            int clientPort;
            try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
                clientPort = client.getLocalPort();
                client.getOutputStream().write(new byte[5]);
                accepted.getOutputStream().write(new byte[3000]);
                readFully(client.getInputStream(), 3000);
                readFully(accepted.getInputStream(), 5);
            }
            String clientSide = "^" + SELF + " +" + COMM + " " + ADDR + " +" + clientPort + " +" + ADDR + " +"
                    + server.getLocalPort() + " +(\\d+) +(\\d+) +\\d+$";
            ToolLines.awaitLine(t, clientSide);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("PID     COMM             LADDR           LPORT  RADDR           RPORT        TX       RX      MS", r);
            Matcher m = ToolLines.find(clientSide, r);
            // Sequence space: the SYN and FIN may each add one.
            assertBetween(5, 7, Long.parseLong(m.group(1)), "TX of the client");
            assertBetween(3000, 3001, Long.parseLong(m.group(2)), "RX of the client");
            assertFalse(r.stdout().contains("@born"), "END clears the per-socket maps\n" + r);
        }
    }

    @Test
    void tcpretransShowsSynRetransmitsToAFullBacklog() throws IOException {
        // Backlog 1 and no accept(): the kernel holds two connections, drops the SYNs of the others,
        // and their connect()s resend the SYN after the initial 1 s timeout.
        List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
             ToolRun t = ToolRun.start("tcpretrans").awaitAttached(2)) {
            for (int i = 0; i < 6; i++) {
                SocketChannel c = SocketChannel.open();
                clients.add(c);
                c.configureBlocking(false);
                c.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()));
            }
            String line = "^\\d\\d:\\d\\d:\\d\\d " + ADDR + " +\\d+ +" + ADDR + " +" + server.getLocalPort() + " +SYN_SENT +0$";
            ToolLines.awaitLine(t, line);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     LADDR           LPORT  RADDR           RPORT  STATE         ERR", r);
        } finally {
            for (SocketChannel c : clients) c.close();
        }
    }

    @Test
    void tcpdropShowsTheSynToAClosedPort() throws IOException {
        int closed = closedPort();
        try (ToolRun t = ToolRun.start("tcpdrop").awaitAttached(1)) {
            assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, closed).close());
            String line = "^\\d\\d:\\d\\d:\\d\\d " + ADDR + " +\\d+ +" + ADDR + " +" + closed + " +S\\.\\.\\.\\. +(\\d+) (\\S+)$";
            ToolLines.awaitLine(t, line);
            Jbpftrace.Result r = t.interrupt();
            ToolLines.assertHeader("TIME     SADDR           SPORT  DADDR           DPORT  FLAGS REASON LOCATION", r);
            Matcher m = ToolLines.find(line, r);
            assertEquals(dropReason("NO_SOCKET"), Integer.parseInt(m.group(1)), "the reason code of NO_SOCKET\n" + r);
            assertEquals("tcp_v4_rcv", m.group(2), r::toString);
        }
    }

    /** A loopback port nobody listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** The number of an skb drop reason on this kernel, from the kfree_skb tracepoint's format. */
    private static int dropReason(String name) throws IOException {
        String format = Files.readString(Path.of("/sys/kernel/tracing/events/skb/kfree_skb/format"));
        Matcher m = Pattern.compile("\\{ (\\d+), \"" + name + "\" \\}").matcher(format);
        assertTrue(m.find(), "no drop reason " + name + " in\n" + format);
        return Integer.parseInt(m.group(1));
    }

    private static void readFully(InputStream in, int n) throws IOException {
        assertEquals(n, in.readNBytes(n).length);
    }

    private static void assertBetween(long lo, long hi, long value, String what) {
        assertTrue(value >= lo && value <= hi, what + " is " + value + ", expected " + lo + ".." + hi);
    }
}
