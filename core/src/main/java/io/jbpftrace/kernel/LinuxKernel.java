package io.jbpftrace.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.LoadAttributes;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.PerfEventAttr;
import io.jbpftrace.spi.ProbeException;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The real kernel behind the provider SPI: tracefs, CPUs and perf-event attachment. */
public final class LinuxKernel implements Kernel {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing");
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");
    private static final long PERF_FLAG_FD_CLOEXEC = 1L << 3;
    private static final long PERF_EVENT_IOC_ENABLE = 0x2400, PERF_EVENT_IOC_SET_BPF = 0x40042408;

    private final OptionalInt targetPid;
    private volatile Path tracefs;
    private volatile UprobePmu uprobePmu;
    /** The kprobe PMU has the uprobe PMU's sysfs layout (type, format/retprobe), so one reader serves both. */
    private volatile UprobePmu kprobePmu;

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
        return open(attr, pid, cpu, programFd, what);
    }

    /**
     * Like libbpf: one event for all processes is opened with pid -1 on cpu 0 (perf rejects pid -1
     * with cpu -1, and the program runs on whichever CPU hits the probe); a target pid gets cpu -1.
     */
    @Override public Attachment attachUprobe(Path binary, long offset, boolean retprobe, int pid, int programFd)
            throws ProbeException {
        return attachUprobe(binary, offset, retprobe, pid, programFd, 0);
    }

    /** The kernel increments the semaphore at {@code refCtrOffset} in every process it probes (ref_ctr_offset). */
    @Override public Attachment attachUprobe(Path binary, long offset, boolean retprobe, int pid, int programFd,
                                             long refCtrOffset) throws ProbeException {
        String what = (retprobe ? "uretprobe " : "uprobe ") + binary + ":0x" + Long.toHexString(offset)
                + (pid >= 0 ? " for pid " + pid : "");
        UprobePmu pmu = uprobePmu(what);
        long config;
        try {
            config = pmu.config(retprobe, refCtrOffset);
        } catch (IOException e) {
            throw new ProbeException(what + ": " + e.getMessage());
        }
        byte[] name = binary.toString().getBytes(StandardCharsets.UTF_8);
        Memory path = new Memory(name.length + 1L);
        path.write(0, name, 0, name.length);
        path.setByte(name.length, (byte) 0);
        PerfEventAttr attr = new PerfEventAttr(pmu.type(), config, 1, false,
                Pointer.nativeValue(path), offset);
        try {
            return open(attr, pid, pid >= 0 ? -1 : 0, programFd, what);
        } finally {
            Reference.reachabilityFence(path); // config1 points into it until perf_event_open has copied the path
        }
    }

    /** As libbpf does: config1 points at the symbol name, config2 is the offset; pid -1 on cpu 0 sees every task. */
    @Override public Attachment attachKprobe(String function, long offset, boolean retprobe, int programFd)
            throws ProbeException {
        String what = (retprobe ? "kretprobe " : "kprobe ") + function + (offset != 0 ? "+" + offset : "");
        UprobePmu pmu = kprobePmu;
        if (pmu == null) {
            if (!Files.isDirectory(KPROBE_PMU)) {
                throw new ProbeException(what + ": this kernel has no kprobes (CONFIG_KPROBES is not set: " + KPROBE_PMU + " is missing)");
            }
            try {
                kprobePmu = pmu = UprobePmu.read(KPROBE_PMU);
            } catch (IOException | RuntimeException e) {
                throw new ProbeException(what + ": cannot read the kprobe PMU (" + e.getMessage() + ")");
            }
        }
        byte[] name = function.getBytes(StandardCharsets.UTF_8);
        Memory symbol = new Memory(name.length + 1L);
        symbol.write(0, name, 0, name.length);
        symbol.setByte(name.length, (byte) 0);
        PerfEventAttr attr = new PerfEventAttr(pmu.type(), retprobe ? pmu.retprobeConfig() : 0, 1, false,
                Pointer.nativeValue(symbol), offset);
        try {
            return open(attr, -1, 0, programFd, what);
        } finally {
            Reference.reachabilityFence(symbol); // config1 points into it until perf_event_open has copied the name
        }
    }

    @Override public Attachment attachRawTracepoint(String name, int programFd) throws ProbeException {
        int fd = LibBpf.bpf_raw_tracepoint_open(name, programFd);
        if (fd < 0) throw new ProbeException("raw tracepoint " + name + ": " + Errno.text(-fd));
        return new Fd(fd)::close;
    }

    /** {@code r0 = 0; exit}: what any program type's verifier accepts, so a refusal is the kernel's. */
    @Override public void requireLoadable(ProgType type, LoadAttributes attributes, String what) throws ProbeException {
        String name = "jbt_probe";
        try (BpfProgram probe = BpfProgram.load(type, attributes, name, new Asm().mov(Reg.R0, 0).exit().build(), java.util.List.of())) {
            // loaded: such programs work here
        } catch (VerifierException e) {
            throw new ProbeException(what + ": " + e.getMessage().substring(name.length() + 2) + refusal(e.log()));
        } catch (KernelException e) {
            throw new ProbeException(what + ": " + e.getMessage());
        }
    }

    /** The verifier log's last line, which says why (e.g. a function that cannot be traced). */
    private static String refusal(String log) {
        String last = log.strip().lines().reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "" : " (" + last + ")";
    }

    /** No tracepoint name: the kernel attaches the program where its attach_btf_id says (fentry/fexit). */
    @Override public Attachment attachTracing(String what, int programFd) throws ProbeException {
        int fd = LibBpf.bpf_raw_tracepoint_open(null, programFd);
        if (fd < 0) throw new ProbeException(what + ": attaching: " + Errno.text(-fd));
        return new Fd(fd)::close;
    }

    private UprobePmu uprobePmu(String what) throws ProbeException {
        UprobePmu pmu = uprobePmu;
        if (pmu == null) {
            try {
                uprobePmu = pmu = UprobePmu.read(UprobePmu.SYSFS);
            } catch (IOException | RuntimeException e) {
                throw new ProbeException(what + ": this kernel has no uprobe PMU (" + e.getMessage() + ")");
            }
        }
        return pmu;
    }

    private static Attachment open(PerfEventAttr attr, int pid, int cpu, int programFd, String what)
            throws ProbeException {
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
