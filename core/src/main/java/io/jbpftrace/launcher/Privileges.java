package io.jbpftrace.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracing needs CAP_BPF with CAP_PERFMON (CAP_SYS_ADMIN stands for both; root has all): checked up front,
 * so a user without them reads one sentence instead of the first refused bpf() call.
 * bpftrace 0.17 insists on root; capabilities alone are enough here (the kernel's own rule).
 */
final class Privileges {
    private static final int CAP_SYS_ADMIN = 21, CAP_PERFMON = 38, CAP_BPF = 39;

    /** Printed as one ERROR line, exit 1. */
    static final class Missing extends Exception {
        Missing(String message) { super(message); }
    }

    private Privileges() {}

    static void require() throws Missing { require(Path.of("/proc/self/status")); }

    static void require(Path status) throws Missing {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException e) {
            return; // no procfs: let the kernel's refusal speak
        }
        String missing = missing(field(lines, "CapEff:"));
        if (missing != null) {
            throw new Missing("jbpftrace needs to run as root or with the capabilities CAP_BPF and CAP_PERFMON (missing: "
                    + missing + ")");
        }
    }

    /** Null when allowed, else the missing capabilities' names. */
    static String missing(String capEff) {
        if (capEff == null) return null;
        long caps = Long.parseUnsignedLong(capEff.trim(), 16);
        if (has(caps, CAP_SYS_ADMIN)) return null;
        List<String> names = new ArrayList<>();
        if (!has(caps, CAP_BPF)) names.add("CAP_BPF");
        if (!has(caps, CAP_PERFMON)) names.add("CAP_PERFMON");
        return names.isEmpty() ? null : String.join(", ", names);
    }

    private static boolean has(long caps, int cap) { return (caps >>> cap & 1) != 0; }

    private static String field(List<String> lines, String name) {
        for (String l : lines) if (l.startsWith(name)) return l.substring(name.length());
        return null;
    }
}
