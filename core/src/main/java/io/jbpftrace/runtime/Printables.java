package io.jbpftrace.runtime;

import io.jbpftrace.output.Strftime;
import io.jbpftrace.types.Type;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;

/** Text of ntop(), macaddr(), buf(), strftime(), usym(), username and cgroup_path() values, as bpftrace prints them. */
final class Printables {
    private Printables() {}

    private static final int AF_INET6 = 10;

    static String text(Type.Printable t, ByteBuffer buf, int off) {
        return switch (t.kind()) {
            case "inet" -> inet(buf, off);
            case "mac" -> mac(buf, off);
            case "buf" -> escaped(buf, off + 8, (int) Math.min(buf.getLong(off), t.size() - 8));
            case "time" -> strftime(t.detail(), buf.getLong(off));
            case "usym" -> io.jbpftrace.symbols.UserSymbols.get().resolve((int) buf.getLong(off + 8), buf.getLong(off), false);
            case "username" -> Users.name((int) buf.getLong(off));
            case "cgroup_path" -> CgroupPaths.get().describe(buf.getLong(off), t.detail());
            default -> throw new IllegalStateException(t.kind());
        };
    }

    private static String inet(ByteBuffer buf, int off) {
        byte[] addr = new byte[buf.getLong(off) == AF_INET6 ? 16 : 4];
        buf.get(off + 8, addr);
        return InetText.of(addr);
    }

    private static String mac(ByteBuffer buf, int off) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) sb.append(i == 0 ? "" : ":").append(String.format("%02X", buf.get(off + i) & 0xff));
        return sb.toString();
    }

    /** Printable ASCII as is, everything else as \xNN. */
    private static String escaped(ByteBuffer buf, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int b = buf.get(off + i) & 0xff;
            if (b >= 0x20 && b < 0x7f) sb.append((char) b);
            else sb.append(String.format("\\x%02x", b));
        }
        return sb.toString();
    }

    /**
     * The value is a CLOCK_MONOTONIC timestamp (nsecs, as bpftrace's strftime takes); System.nanoTime
     * reads the same clock on Linux, so the distance to now shifts it to wall time.
     */
    private static String strftime(String format, long monotonicNanos) {
        long nowWall = System.currentTimeMillis() * 1_000_000L;
        long wall = nowWall - (System.nanoTime() - monotonicNanos);
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(wall, 1_000_000_000L), Math.floorMod(wall, 1_000_000_000L));
        return Strftime.format(format, instant.atZone(ZoneId.systemDefault()));
    }
}
