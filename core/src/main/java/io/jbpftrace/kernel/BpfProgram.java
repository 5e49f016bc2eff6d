package io.jbpftrace.kernel;

import com.sun.jna.Memory;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.LoadAttributes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One loaded BPF program, owned by this handle: closing it closes the program fd. */
public final class BpfProgram implements AutoCloseable {
    /** sizeof(struct bpf_prog_load_opts) in libbpf 1.1 on LP64, and the offsets we set. */
    private static final int LOAD_OPTS_SIZE = 104, EXPECTED_ATTACH_TYPE = 12, ATTACH_BTF_ID = 32,
            LOG_LEVEL = 88, LOG_SIZE = 92, LOG_BUF = 96;
    private static final int PROG_BTF_FD = 16, FUNC_INFO = 56, FUNC_INFO_CNT = 64, FUNC_INFO_REC_SIZE = 68;
    /** sizeof(struct bpf_test_run_opts) in libbpf 1.1 on LP64, and the offsets we use. */
    private static final int TEST_OPTS_SIZE = 80, CTX_IN = 32, CTX_SIZE_IN = 48, RETVAL = 56;
    /** Raw tracepoint test runs accept up to MAX_BPF_FUNC_ARGS (12) u64 arguments. */
    private static final int TEST_CTX_SIZE = 8 * 12;
    private static final int FIRST_LOG_SIZE = 64 * 1024, MAX_LOG_SIZE = 64 * 1024 * 1024;

    private final Fd fd;
    private final String name;

    private BpfProgram(int fd, String name) {
        this.fd = new Fd(fd);
        this.name = name;
    }

    /**
     * Loads {@code insns} (map fds already patched in) under the GPL license. A rejected program is
     * loaded again with the verifier log on, so the common successful path pays nothing for it.
     */
    public static BpfProgram load(ProgType type, String name, List<Insn> insns) throws KernelException {
        return load(type, LoadAttributes.NONE, name, insns, List.of());
    }

    /** With callback subprograms starting at {@code subprogramStarts}. */
    public static BpfProgram load(ProgType type, String name, List<Insn> insns, List<Integer> subprogramStarts)
            throws KernelException {
        return load(type, LoadAttributes.NONE, name, insns, subprogramStarts);
    }

    /**
     * Like {@link #load(ProgType, String, List)}, bound to a target (fentry/fexit: the function's BTF
     * id), with callback subprograms starting at {@code subprogramStarts} (they need function BTF).
     */
    public static BpfProgram load(ProgType type, LoadAttributes attributes, String name, List<Insn> insns,
                                  List<Integer> subprogramStarts) throws KernelException {
        if (subprogramStarts.isEmpty()) return load(type, name, insns, loadOpts(attributes));
        try (FuncInfoBtf btf = new FuncInfoBtf(subprogramStarts)) {
            Memory opts = loadOpts(attributes);
            opts.setInt(PROG_BTF_FD, btf.fd());
            opts.setPointer(FUNC_INFO, btf.records());
            opts.setInt(FUNC_INFO_CNT, btf.count());
            opts.setInt(FUNC_INFO_REC_SIZE, FuncInfoBtf.RECORD_SIZE);
            return load(type, name, insns, opts);
        }
    }

    private static BpfProgram load(ProgType type, String name, List<Insn> insns, Memory opts) throws KernelException {
        String kernelName = BpfMap.kernelName(name);
        Memory code = encode(insns);
        int fd = LibBpf.bpf_prog_load(type.id, kernelName, "GPL", code, insns.size(), opts);
        if (fd >= 0) return new BpfProgram(fd, name);
        int firstError = fd;
        for (int logSize = FIRST_LOG_SIZE; logSize <= MAX_LOG_SIZE; logSize *= 4) {
            Memory log = new Memory(logSize);
            log.setByte(0, (byte) 0);
            opts.setInt(LOG_LEVEL, 1);
            opts.setInt(LOG_SIZE, logSize);
            opts.setPointer(LOG_BUF, log);
            fd = LibBpf.bpf_prog_load(type.id, kernelName, "GPL", code, insns.size(), opts);
            if (fd >= 0) return new BpfProgram(fd, name); // a verifier that passes with logging on: fine
            if (fd != -Errno.ENOSPC || logSize == MAX_LOG_SIZE) {
                throw new VerifierException(name + ": " + Errno.text(firstError), readLog(log));
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Memory encode(List<Insn> insns) {
        Memory code = new Memory(8L * Math.max(1, insns.size()));
        ByteBuffer buf = code.getByteBuffer(0, code.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Insn insn : insns) buf.putLong(insn.encode());
        return code;
    }

    private static Memory loadOpts(LoadAttributes attributes) {
        Memory opts = new Memory(LOAD_OPTS_SIZE);
        opts.clear();
        opts.setLong(0, LOAD_OPTS_SIZE);
        if (attributes.expectedAttachType() != null) opts.setInt(EXPECTED_ATTACH_TYPE, attributes.expectedAttachType().id);
        opts.setInt(ATTACH_BTF_ID, attributes.attachBtfId());
        return opts;
    }

    private static String readLog(Memory log) {
        byte[] bytes = log.getByteArray(0, (int) log.size());
        int len = 0;
        while (len < bytes.length && bytes[len] != 0) len++;
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    public int fd() { return fd.get(); }

    public String name() { return name; }

    /**
     * Runs the program once in the kernel (BPF_PROG_TEST_RUN) with a zeroed context: how BEGIN and
     * END programs, loaded as RAW_TRACEPOINT, are fired. Returns the program's return value.
     */
    public int testRun() throws KernelException {
        Memory ctx = new Memory(TEST_CTX_SIZE);
        ctx.clear();
        Memory opts = new Memory(TEST_OPTS_SIZE);
        opts.clear();
        opts.setLong(0, TEST_OPTS_SIZE);
        opts.setPointer(CTX_IN, ctx);
        opts.setInt(CTX_SIZE_IN, TEST_CTX_SIZE);
        int rc = LibBpf.bpf_prog_test_run_opts(fd.require(), opts);
        if (rc < 0) throw Errno.fail("bpf_prog_test_run(" + name + ")", rc);
        return opts.getInt(RETVAL);
    }

    @Override public void close() { fd.close(); }

    @Override public String toString() { return "BpfProgram[" + name + ", fd " + fd.get() + "]"; }
}
