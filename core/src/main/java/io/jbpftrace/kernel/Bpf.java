package io.jbpftrace.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** Static facts about the machine that BPF code depends on. */
public final class Bpf {
    private Bpf() {}

    private static volatile int possibleCpus;

    /** Possible CPUs: per-CPU map values have one slot for each of them. */
    public static int possibleCpus() {
        int n = possibleCpus;
        if (n == 0) {
            n = LibBpf.libbpf_num_possible_cpus();
            if (n <= 0) throw new IllegalStateException("libbpf_num_possible_cpus: " + Errno.text(n));
            possibleCpus = n;
        }
        return n;
    }

    /** CPUs online now, from /sys/devices/system/cpu/online. */
    public static int[] onlineCpus() {
        try {
            return parseCpuList(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the kernel's cpu list format, e.g. "0-3,5,7-8". */
    static int[] parseCpuList(String text) {
        IntStream.Builder cpus = IntStream.builder();
        for (String part : text.trim().split(",")) {
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int cpu = from; cpu <= to; cpu++) cpus.add(cpu);
        }
        return cpus.build().toArray();
    }
}
