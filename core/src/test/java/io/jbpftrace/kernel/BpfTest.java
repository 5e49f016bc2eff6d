package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BpfTest {
    @Test void parsesCpuLists() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 7, 8}, Bpf.parseCpuList("0-3,5,7-8\n"));
        assertArrayEquals(new int[] {0}, Bpf.parseCpuList("0"));
    }

    @Test void onlineCpusFitInPossibleCpus() {
        int[] online = Bpf.onlineCpus();
        assertTrue(online.length >= 1);
        assertTrue(Bpf.possibleCpus() >= online.length);
        for (int cpu : online) assertTrue(cpu < Bpf.possibleCpus());
    }
}
