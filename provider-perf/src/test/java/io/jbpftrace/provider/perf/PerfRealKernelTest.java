package io.jbpftrace.provider.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.kernel.LinuxKernel;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Against the real kernel (needs root): software events count, hardware ones explain their absence. */
class PerfRealKernelTest {
    private static final int PAGES = 200; // under 2 MiB, so no transparent huge page can cover them
    /** Maps PAGES fresh pages and writes one byte to each, between two handshakes on stdin/stdout. */
    private static final String TOUCH_PAGES = String.join("\n",
            "import mmap, sys",
            "n = int(sys.argv[1])",
            "print('ready', flush=True); sys.stdin.readline()",
            "m = mmap.mmap(-1, n * 4096)",
            "for i in range(0, n * 4096, 4096): m[i] = 1",
            "print('done', flush=True); sys.stdin.readline()");

    private final LinuxKernel kernel = new LinuxKernel(OptionalInt.empty());

    @Test
    void pageFaultsOfAChildAreCountedOneByOne() throws Exception {
        SoftwareProvider provider = new SoftwareProvider();
        ProbeTarget target = provider.expand(AttachPoint.parse("software:page-faults:1"), kernel).get(0);
        Process child = new ProcessBuilder("/usr/bin/python3", "-c", TOUCH_PAGES, Integer.toString(PAGES)).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = child.getOutputStream();
             BpfMap counter = BpfMap.create(MapType.ARRAY, "faults", 4, 8, 1);
             BpfProgram prog = BpfProgram.load(provider.programType(target), "faults",
                     countFor(counter, (int) child.pid()));
             Attachment attachment = provider.attach(target, prog.fd(), kernel)) {
            assertEquals("ready", out.readLine());
            long before = count(counter);
            in.write('\n');
            in.flush();
            assertEquals("done", out.readLine());
            long faults = count(counter) - before;
            System.out.println("page faults while touching " + PAGES + " pages: " + faults);
            assertTrue(faults >= PAGES && faults < 4L * PAGES, "page faults while touching " + PAGES + " pages: " + faults);
            in.write('\n');
            in.flush();
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void hardwareEventsWithoutAPmuFailWithOneClearError() throws Exception {
        HardwareProvider provider = new HardwareProvider();
        ProbeTarget target = provider.expand(AttachPoint.parse("hardware:cycles"), kernel).get(0);
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, "cycles", 4, 8, 1);
             BpfProgram prog = BpfProgram.load(ProgType.PERF_EVENT, "cycles", countFor(counter, -1))) {
            if (provider.hasCpuPmu()) {
                provider.attach(target, prog.fd(), kernel).close(); // a machine with a PMU simply attaches
                return;
            }
            ProbeException e = org.junit.jupiter.api.Assertions.assertThrows(ProbeException.class,
                    () -> provider.attach(target, prog.fd(), kernel));
            assertTrue(e.getMessage().startsWith("hardware:cycles: this machine has no hardware PMU (perf_event_open: ")
                    && e.getMessage().endsWith("; hardware events are unavailable here (a VM without PMU passthrough?)"),
                    e.getMessage());
        }
        assertTrue(Files.isDirectory(Path.of("/sys/bus/event_source/devices/software")));
    }

    /** {@code counter[0] += 1} for every event of process {@code pid} (every process when -1). */
    private static List<Insn> countFor(BpfMap counter, int pid) {
        Asm asm = new Asm();
        Label out = asm.newLabel("out");
        if (pid >= 0) {
            asm.call(Helper.GET_CURRENT_PID_TGID).alu64Imm(Op.RSH, Reg.R0, 32).jumpIf(Op.JNE, Reg.R0, pid, out);
        }
        asm.storeImm(4, Reg.FP, -4, 0)
                .mov(Reg.R2, Reg.FP).add(Reg.R2, -4)
                .ldMap(Reg.R1, 0)
                .call(Helper.MAP_LOOKUP_ELEM)
                .jumpIf(Op.JEQ, Reg.R0, 0, out)
                .mov(Reg.R1, 1)
                .atomicAdd(8, Reg.R0, 0, Reg.R1)
                .bind(out)
                .mov(Reg.R0, 0)
                .exit();
        List<Insn> insns = new ArrayList<>(asm.build());
        for (Asm.MapRef ref : asm.mapRefs()) insns.set(ref.insnIndex(), insns.get(ref.insnIndex()).withImm(counter.fd()));
        return insns;
    }

    private static long count(BpfMap counter) throws KernelException {
        byte[] value = new byte[8];
        if (!counter.lookup(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0).array(), value)) {
            throw new AssertionError("array slot missing");
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
