package io.jbpftrace.kernel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;

/** Hand-assembled programs and byte helpers shared by the kernel tests. */
final class TestPrograms {
    private TestPrograms() {}

    static {
        Native.register(TestPrograms.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /** A cheap syscall with its own tracepoint, called straight through libc. */
    static native int getppid();

    /**
     * {@code counter[0] += 1}, where counter is an ARRAY map (u32 key, u64 value) whose fd is patched
     * in; with {@code pid} present, only for that process.
     */
    static List<Insn> counter(BpfMap counter, OptionalInt pid) {
        Asm asm = new Asm();
        Label out = asm.newLabel("out");
        if (pid.isPresent()) {
            asm.call(Helper.GET_CURRENT_PID_TGID)
                    .alu64Imm(Op.RSH, Reg.R0, 32)
                    .jumpIf(Op.JNE, Reg.R0, pid.getAsInt(), out);
        }
        asm.storeImm(4, Reg.FP, -4, 0)
                .mov(Reg.R2, Reg.FP)
                .add(Reg.R2, -4)
                .ldMap(Reg.R1, 0)
                .call(Helper.MAP_LOOKUP_ELEM)
                .jumpIf(Op.JEQ, Reg.R0, 0, out)
                .mov(Reg.R1, 1)
                .atomicAdd(8, Reg.R0, 0, Reg.R1)
                .bind(out)
                .mov(Reg.R0, 0)
                .exit();
        return patch(asm, counter);
    }

    /** Emits the u64 {@code value} into ring buffer {@code ring} from a stack slot. */
    static List<Insn> ringbufOutput(BpfMap ring, int value) {
        Asm asm = new Asm()
                .storeImm(8, Reg.FP, -8, value)
                .ldMap(Reg.R1, 0)
                .mov(Reg.R2, Reg.FP)
                .add(Reg.R2, -8)
                .mov(Reg.R3, 8)
                .mov(Reg.R4, 0)
                .call(Helper.RINGBUF_OUTPUT)
                .mov(Reg.R0, 0)
                .exit();
        return patch(asm, ring);
    }

    /** Puts real fds into the ld_imm64 map references, as the loader does. */
    static List<Insn> patch(Asm asm, BpfMap... maps) {
        List<Insn> insns = new java.util.ArrayList<>(asm.build());
        for (Asm.MapRef ref : asm.mapRefs()) {
            insns.set(ref.insnIndex(), insns.get(ref.insnIndex()).withImm(maps[ref.mapIndex()].fd()));
        }
        return insns;
    }

    static byte[] u32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    static byte[] u64(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }

    static long readU64(byte[] b, int off) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(off); }

    static int readU32(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0); }

    /** Sum over all CPUs' slots of a per-CPU u64 value. */
    static long sumPerCpu(byte[] value) {
        long sum = 0;
        for (int off = 0; off < value.length; off += 8) sum += readU64(value, off);
        return sum;
    }

    /** The value of counter[0]. */
    static long count(BpfMap counter) throws KernelException {
        byte[] value = new byte[8];
        if (!counter.lookup(u32(0), value)) throw new AssertionError("array slot missing");
        return readU64(value, 0);
    }

    /** What /proc/self/fd/N points to, or "" when N is not open. */
    static String fdTarget(int fd) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Fails when this process still holds a BPF map, program or perf event descriptor. */
    static void assertNoKernelObjectsOpen() {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            List<String> open = fds.map(p -> fdTarget(Integer.parseInt(p.getFileName().toString())))
                    .filter(t -> t.startsWith("anon_inode:bpf-") || t.contains("perf_event"))
                    .toList();
            if (!open.isEmpty()) throw new AssertionError("leaked: " + open);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
