package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.util.ArrayList;
import java.util.List;

/** Opens the same perf event on every given CPU as one attachment: all of them or none. */
final class PerfEventGroup {
    private PerfEventGroup() {}

    static Attachment attach(Kernel kernel, PerfEventAttr attr, int[] cpus, int programFd) throws ProbeException {
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
