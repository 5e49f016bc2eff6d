package io.jbpftrace.provider.perf;

import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code hardware:cycles:1000000}: CPU PMU counters. Virtual machines often have no PMU, and the
 * kernel then answers with a bare ENOENT or EOPNOTSUPP; this turns that into one clear error.
 */
public final class HardwareProvider extends PerfProvider {
    private static final Path EVENT_SOURCES = Path.of("/sys/bus/event_source/devices");
    private final Path eventSources;

    public HardwareProvider() { this(EVENT_SOURCES); }

    /** @param eventSources the sysfs folder listing the perf event sources (PMUs) */
    HardwareProvider(Path eventSources) {
        super(EventFamily.HARDWARE);
        this.eventSources = eventSources;
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        try {
            return super.attach(target, programFd, kernel);
        } catch (ProbeException e) {
            String reason = errnoText(e.getMessage());
            if (!reason.equals("No such file or directory") && !reason.equals("Operation not supported")) throw e;
            String cause = "(perf_event_open: " + reason + ")";
            throw new ProbeException(hasCpuPmu()
                    ? target.name() + ": this CPU's PMU does not support the event " + cause
                    : target.name() + ": this machine has no hardware PMU " + cause
                            + "; hardware events are unavailable here (a VM without PMU passthrough?)", e);
        }
    }

    /** The strerror text closing the kernel facade's message ({@code "...on cpu 0: No such file or directory"}). */
    private static String errnoText(String message) {
        int sep = message == null ? -1 : message.lastIndexOf(": ");
        return sep < 0 ? "" : message.substring(sep + 2);
    }

    /** A core PMU as x86 ({@code cpu}, hybrid {@code cpu_core}/{@code cpu_atom}), ARM or RISC-V name it. */
    boolean hasCpuPmu() {
        try (Stream<Path> sources = Files.list(eventSources)) {
            return sources.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.equals("cpu") || n.startsWith("cpu_") || n.startsWith("armv") || n.contains("pmu"));
        } catch (IOException e) {
            return false;
        }
    }
}
