package io.jbpftrace.runtime;

/**
 * Text of an IPv4 or IPv6 address as glibc's inet_ntop writes it, which is what bpftrace's ntop()
 * prints: the first longest run of two or more zero groups becomes "::", and an IPv4-mapped
 * (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) address ends in dotted decimal.
 * java.net.InetAddress differs on both: it turns a mapped address into plain IPv4 and never compresses.
 */
final class InetText {
    private InetText() {}

    static String of(byte[] addr) {
        return addr.length == 4 ? ipv4(addr, 0) : ipv6(addr);
    }

    private static String ipv4(byte[] addr, int from) {
        return (addr[from] & 0xff) + "." + (addr[from + 1] & 0xff) + "." + (addr[from + 2] & 0xff) + "." + (addr[from + 3] & 0xff);
    }

    private static String ipv6(byte[] addr) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) words[i] = (addr[2 * i] & 0xff) << 8 | (addr[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLen < 2) bestStart = -1;
        boolean embedsIpv4 = bestStart == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff));
        int groups = embedsIpv4 ? 6 : 8;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(words[i]));
        }
        if (embedsIpv4) sb.append(sb.charAt(sb.length() - 1) == ':' ? "" : ":").append(ipv4(addr, 12));
        return sb.toString();
    }
}
