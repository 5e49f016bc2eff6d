package io.jbpftrace.spi;

import io.jbpftrace.bpf.ProgType;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * What the core offers providers to touch the kernel, so attach code lives once and providers stay
 * free of native bindings (and can be tested with a mock).
 */
public interface Kernel {

    /** The tracefs mount (usually /sys/kernel/tracing). */
    Path tracefs();

    /** CPUs that are online now. */
    int[] onlineCpus();

    /** perf_event_open, then attach the BPF program and enable; the result closes the event. */
    Attachment attachPerfEvent(PerfEventAttr attr, int pid, int cpu, int programFd) throws ProbeException;

    /**
     * Places a uprobe (or, with {@code retprobe}, a uretprobe) at {@code offset} bytes into the file
     * {@code binary} through the uprobe PMU, then attaches the KPROBE program and enables it; the result
     * closes the event, which also removes the probe. {@code pid} -1 traces every process.
     */
    default Attachment attachUprobe(Path binary, long offset, boolean retprobe, int pid, int programFd)
            throws ProbeException {
        throw new ProbeException("uprobes are not supported by " + getClass().getSimpleName());
    }

    /**
     * Like {@link #attachUprobe(Path, long, boolean, int, int)}, for a USDT probe guarded by a semaphore:
     * {@code refCtrOffset} is the file offset of its 16-bit counter, which the kernel increments in every
     * traced process while the probe exists and decrements when it goes (0: no semaphore).
     */
    default Attachment attachUprobe(Path binary, long offset, boolean retprobe, int pid, int programFd, long refCtrOffset)
            throws ProbeException {
        if (refCtrOffset == 0) return attachUprobe(binary, offset, retprobe, pid, programFd);
        throw new ProbeException("USDT semaphores are not supported by " + getClass().getSimpleName());
    }

    /**
     * Places a kprobe (or, with {@code retprobe}, a kretprobe) on the kernel symbol {@code function}
     * ({@code mod:func} for a module's) at {@code offset} bytes into it through the kprobe PMU, then
     * attaches the KPROBE program and enables it; the result closes the event, which also removes the
     * probe, so nothing stays in tracefs' kprobe_events.
     */
    default Attachment attachKprobe(String function, long offset, boolean retprobe, int programFd) throws ProbeException {
        throw new ProbeException("kprobes are not supported by " + getClass().getSimpleName());
    }

    /**
     * Attaches a RAW_TRACEPOINT program to the kernel tracepoint {@code name} (e.g. {@code sched_switch})
     * with BPF_RAW_TRACEPOINT_OPEN; the result closes the returned fd, which detaches.
     */
    default Attachment attachRawTracepoint(String name, int programFd) throws ProbeException {
        throw new ProbeException("raw tracepoints are not supported by " + getClass().getSimpleName());
    }

    /**
     * Loads the smallest program of {@code type} with {@code attributes} and unloads it again, so a
     * provider can tell at expansion, naming the cause, that this kernel refuses such programs
     * (fentry on kernels without BPF trampolines, or where a security policy forbids them).
     * {@code what} names the target for the message. Kernels that cannot tell assume it works.
     */
    default void requireLoadable(ProgType type, LoadAttributes attributes, String what) throws ProbeException {}

    /**
     * Attaches a TRACING program (fentry/fexit, loaded with its target's BTF id) with
     * BPF_RAW_TRACEPOINT_OPEN and no name; the result closes the returned fd, which detaches.
     */
    default Attachment attachTracing(String what, int programFd) throws ProbeException {
        throw new ProbeException("fentry/fexit programs are not supported by " + getClass().getSimpleName());
    }

    /** The pid given with -p, or of the -c command. */
    OptionalInt targetPid();
}
