package io.jbpftrace.symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Kernel symbols from /proc/kallsyms, read once on first use and searched by address. */
public final class KernelSymbols {
    private static volatile KernelSymbols instance;

    private final long[] addresses;
    private final String[] names;

    private KernelSymbols(long[] addresses, String[] names) {
        this.addresses = addresses;
        this.names = names;
    }

    public static KernelSymbols get() {
        KernelSymbols k = instance;
        if (k == null) {
            synchronized (KernelSymbols.class) {
                if (instance == null) instance = load(Path.of("/proc/kallsyms"));
                k = instance;
            }
        }
        return k;
    }

    static KernelSymbols load(Path kallsyms) {
        long[] addrs = new long[1 << 18];
        String[] names = new String[addrs.length];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(kallsyms)) {
            for (String line; (line = r.readLine()) != null; ) {
                int s1 = line.indexOf(' '), s2 = line.indexOf(' ', s1 + 1);
                if (s1 < 0 || s2 < 0) continue;
                char type = Character.toLowerCase(line.charAt(s1 + 1));
                if (type != 't' && type != 'w') continue; // code only: stacks point into text
                long addr = Long.parseUnsignedLong(line, 0, s1, 16);
                if (addr == 0) continue;
                int end = line.indexOf('\t', s2 + 1);
                if (n == addrs.length) {
                    addrs = Arrays.copyOf(addrs, n * 2);
                    names = Arrays.copyOf(names, n * 2);
                }
                addrs[n] = addr;
                names[n++] = end < 0 ? line.substring(s2 + 1) : line.substring(s2 + 1, end);
            }
        } catch (IOException e) {
            n = 0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long[] a = addrs;
        Arrays.sort(order, (x, y) -> Long.compareUnsigned(a[x], a[y]));
        long[] sortedAddrs = new long[n];
        String[] sortedNames = new String[n];
        for (int i = 0; i < n; i++) {
            sortedAddrs[i] = addrs[order[i]];
            sortedNames[i] = names[order[i]];
        }
        return new KernelSymbols(sortedAddrs, sortedNames);
    }

    /** The address of a named symbol of any kind (code or data), or 0; for kaddr(). */
    public static long address(String name) {
        String suffix = " " + name;
        try (var lines = Files.lines(Path.of("/proc/kallsyms"))) {
            return lines.map(l -> l.indexOf('\t') < 0 ? l : l.substring(0, l.indexOf('\t')))
                    .filter(l -> l.endsWith(suffix) && l.length() == 19 + name.length())
                    .mapToLong(l -> Long.parseUnsignedLong(l, 0, 16, 16)).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code name+offset}, or the address in hex when no symbol covers it. */
    public String resolve(long address, boolean withOffset) {
        int lo = 0, hi = addresses.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return unresolved(address);
        return withOffset ? names[found] + "+" + (address - addresses[found]) : names[found];
    }

    /** How bpftrace shows an address no symbol covers: C++'s {@code (void *)} form, so 0 is plain "0". */
    public static String unresolved(long address) {
        return address == 0 ? "0" : "0x" + Long.toHexString(address);
    }
}
