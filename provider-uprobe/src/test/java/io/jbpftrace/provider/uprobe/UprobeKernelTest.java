package io.jbpftrace.provider.uprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.MapType;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.kernel.BpfMap;
import io.jbpftrace.kernel.BpfProgram;
import io.jbpftrace.kernel.LinuxKernel;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real uprobes on the test target: hits are counted by a KPROBE program in an array map. */
class UprobeKernelTest {
    private static final int CALLS = 1000;

    @BeforeAll static void needsUprobes() {
        assumeTrue(Files.isDirectory(Path.of("/sys/bus/event_source/devices/uprobe")), "no uprobe PMU");
    }

    @AfterEach void nothingLeftBehind() throws IOException {
        assertFalse(uprobeEvents().contains("uprobe_target"), "uprobe_events: " + uprobeEvents());
        assertEquals(List.of(), openKernelFds());
    }

    @Test void countsEveryCallOfAdd() throws Exception {
        Path prog = TargetProgram.fixedAddress();
        Counted c = trace(new UprobeProvider(), "uprobe:" + prog + ":add", "arg1", prog, OptionalInt.empty());
        assertEquals(CALLS, c.hits());
        assertEquals(sumOf(i -> 2L * i), c.sum(), "sum of arg1 (2 * i)");
    }

    @Test void pieBinariesAndReturnValues() throws Exception {
        Path prog = TargetProgram.pie();
        Counted c = trace(new UretprobeProvider(), "uretprobe:" + prog + ":add", "retval", prog, OptionalInt.empty());
        assertEquals(CALLS, c.hits());
        assertEquals(sumOf(i -> 3L * i), c.sum(), "sum of retval (i + 2 * i)");
    }

    @Test void targetPidOnly() throws Exception {
        Path prog = TargetProgram.pie();
        try (TargetProgram.Running other = new TargetProgram.Running(prog, CALLS);
             TargetProgram.Running traced = new TargetProgram.Running(prog, CALLS)) {
            Counted c = trace(new UprobeProvider(), "uprobe:" + prog + ":add", "arg0", OptionalInt.of(traced.pid()),
                    List.of(other, traced));
            assertEquals(CALLS, c.hits(), "calls of the -p process only");
        }
    }

    private record Counted(long hits, long sum) {}

    private static Counted trace(UprobeProvider provider, String probe, String builtin, Path prog, OptionalInt pid) throws Exception {
        try (TargetProgram.Running target = new TargetProgram.Running(prog, CALLS)) {
            return trace(provider, probe, builtin, pid, List.of(target));
        }
    }

    /** Attaches, lets every target run, detaches, and reads {hits, sum of builtin}. */
    private static Counted trace(UprobeProvider provider, String probe, String builtin, OptionalInt pid,
                                 List<TargetProgram.Running> targets) throws Exception {
        Kernel kernel = new LinuxKernel(pid);
        ProbeTarget target = provider.expand(AttachPoint.parse(probe), kernel).get(0);
        Builtin value = provider.builtin(builtin, target).orElseThrow();
        try (BpfMap counts = BpfMap.create(MapType.ARRAY, "counts", 4, 16, 1);
             BpfProgram program = BpfProgram.load(provider.programType(target), "uprobe_test", countAndSum(counts, value))) {
            Attachment attachment = provider.attach(target, program.fd(), kernel);
            try {
                for (TargetProgram.Running t : targets) t.go();
            } finally {
                attachment.close();
            }
            byte[] slot = new byte[16];
            counts.lookup(new byte[4], slot);
            ByteBuffer b = ByteBuffer.wrap(slot).order(ByteOrder.LITTLE_ENDIAN);
            return new Counted(b.getLong(0), b.getLong(8));
        }
    }

    /** {@code slot[0] += 1; slot[1] += value} with the builtin's own code reading the value. */
    private static List<Insn> countAndSum(BpfMap map, Builtin value) {
        Asm asm = new Asm();
        Label out = asm.newLabel("out");
        asm.mov(Reg.R6, Reg.R1);
        value.code().emit(asm, Reg.R6, Reg.R7);
        asm.storeImm(4, Reg.FP, -4, 0)
                .mov(Reg.R2, Reg.FP)
                .add(Reg.R2, -4)
                .ldMap(Reg.R1, 0)
                .call(Helper.MAP_LOOKUP_ELEM)
                .jumpIf(Op.JEQ, Reg.R0, 0, out)
                .mov(Reg.R1, 1)
                .atomicAdd(8, Reg.R0, 0, Reg.R1)
                .atomicAdd(8, Reg.R0, 8, Reg.R7)
                .bind(out)
                .mov(Reg.R0, 0)
                .exit();
        List<Insn> insns = new ArrayList<>(asm.build());
        for (Asm.MapRef ref : asm.mapRefs()) insns.set(ref.insnIndex(), insns.get(ref.insnIndex()).withImm(map.fd()));
        return insns;
    }

    private static long sumOf(java.util.function.IntToLongFunction f) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) sum += f.applyAsLong(i);
        return sum;
    }

    private static String uprobeEvents() throws IOException {
        Path events = Path.of("/sys/kernel/tracing/uprobe_events");
        return Files.exists(events) ? Files.readString(events) : "";
    }

    /** BPF objects and perf events this JVM still holds. */
    private static List<String> openKernelFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(t -> t.startsWith("anon_inode:bpf-") || t.contains("perf_event")).toList();
        }
    }
}
