package io.jbpftrace.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The real kernel behind the provider SPI: tracefs, CPUs and perf-event attachment. */
public final class LinuxKernel implements Kernel {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing");
    private static final long PERF_FLAG_FD_CLOEXEC = 1L << 3;
    private static final long PERF_EVENT_IOC_ENABLE = 0x2400, PERF_EVENT_IOC_SET_BPF = 0x40042408;

    private final OptionalInt targetPid;
    private volatile Path tracefs;

    public LinuxKernel(OptionalInt targetPid) { this.targetPid = targetPid; }

    /** /sys/kernel/tracing, else the debugfs location; mounts tracefs when neither is there. */
    @Override public Path tracefs() {
        Path found = tracefs;
        if (found == null) tracefs = found = locateTracefs();
        return found;
    }

    private static Path locateTracefs() {
        if (Files.isDirectory(TRACEFS.resolve("events"))) return TRACEFS;
        if (Files.isDirectory(DEBUGFS_TRACING.resolve("events"))) return DEBUGFS_TRACING;
        try {
            LibC.mount("nodev", TRACEFS.toString(), "tracefs", 0, null);
        } catch (LastErrorException e) {
            // Reads under the returned path will fail and name the missing file, which explains enough.
        }
        return TRACEFS;
    }

    @Override public int[] onlineCpus() { return Bpf.onlineCpus(); }

    @Override public OptionalInt targetPid() { return targetPid; }

    @Override public Attachment attachPerfEvent(PerfEventAttr attr, int pid, int cpu, int programFd)
            throws ProbeException {
        String what = "perf_event_open(type=" + attr.type() + ", config=" + attr.config() + ")"
                + (pid >= 0 ? " for pid " + pid : "") + (cpu >= 0 ? " on cpu " + cpu : "");
        Memory layout = PerfEventAttrLayout.write(attr);
        Fd fd;
        try {
            fd = new Fd((int) LibC.syscall(LibC.SYS_PERF_EVENT_OPEN, layout, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC));
        } catch (LastErrorException e) {
            throw new ProbeException(what + ": " + Errno.text(e.getErrorCode()));
        }
        try {
            LibC.ioctl(fd.require(), PERF_EVENT_IOC_SET_BPF, programFd);
            LibC.ioctl(fd.require(), PERF_EVENT_IOC_ENABLE, 0);
        } catch (LastErrorException e) {
            fd.close();
            throw new ProbeException(what + ": attaching BPF program: " + Errno.text(e.getErrorCode()));
        }
        return fd::close;
    }
}
