package io.jbpftrace.spi;

import java.util.ArrayList;
import java.util.List;

/** Opens the same perf event on every given CPU as one attachment: all of them or none. */
public final class PerfEventGroup {
    private PerfEventGroup() {}

    public static Attachment attach(Kernel kernel, PerfEventAttr attr, int[] cpus, int programFd) throws ProbeException {
        List<Attachment> opened = new ArrayList<>(cpus.length);
        try {
            for (int cpu : cpus) opened.add(kernel.attachPerfEvent(attr, -1, cpu, programFd));
        } catch (ProbeException | RuntimeException e) {
            closeAll(opened); // a half-attached probe would count on some CPUs only
            throw e;
        }
        return () -> closeAll(opened);
    }

    private static void closeAll(List<Attachment> attachments) {
        for (Attachment a : attachments) a.close();
    }
}
