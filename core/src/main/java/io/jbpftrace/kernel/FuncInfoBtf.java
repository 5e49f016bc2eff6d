package io.jbpftrace.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * The BTF a program with subprograms must carry: the kernel only accepts a callback address
 * (ld_imm64 BPF_PSEUDO_FUNC) when every function of the program is described by a func_info record
 * naming a BTF FUNC, callbacks with static linkage. The main function is {@code long main(void *ctx)},
 * each callback {@code long cbN(void *map, void *key, void *value, void *ctx)}.
 * Owns the kernel BTF object until closed; the kernel keeps its own reference once a program loads.
 */
final class FuncInfoBtf implements AutoCloseable {
    private static final int BTF_INT_SIGNED = 1, LINKAGE_STATIC = 0, LINKAGE_GLOBAL = 1;
    /** sizeof(struct bpf_func_info): insn_off, type_id. */
    static final int RECORD_SIZE = 8;

    private final Pointer btf;
    private final Memory records;
    private final int count;

    /** @param subprogramStarts instruction indexes of the callbacks, ascending */
    FuncInfoBtf(List<Integer> subprogramStarts) throws KernelException {
        btf = LibBpf.btf__new_empty();
        if (btf == null) throw new KernelException("btf__new_empty failed");
        count = 1 + subprogramStarts.size();
        records = new Memory((long) RECORD_SIZE * count);
        try {
            int longType = check(LibBpf.btf__add_int(btf, "long", 8, BTF_INT_SIGNED));
            int voidPtr = check(LibBpf.btf__add_ptr(btf, 0));
            int mainProto = check(LibBpf.btf__add_func_proto(btf, longType));
            check(LibBpf.btf__add_func_param(btf, "ctx", voidPtr));
            record(0, 0, check(LibBpf.btf__add_func(btf, "main", LINKAGE_GLOBAL, mainProto)));
            int callbackProto = check(LibBpf.btf__add_func_proto(btf, longType));
            for (String param : new String[] {"map", "key", "value", "ctx"}) check(LibBpf.btf__add_func_param(btf, param, voidPtr));
            for (int i = 0; i < subprogramStarts.size(); i++) {
                record(i + 1, subprogramStarts.get(i), check(LibBpf.btf__add_func(btf, "cb" + i, LINKAGE_STATIC, callbackProto)));
            }
            check(LibBpf.btf__load_into_kernel(btf));
        } catch (KernelException e) {
            close();
            throw e;
        }
    }

    private void record(int index, int insnOffset, int typeId) {
        records.setInt((long) index * RECORD_SIZE, insnOffset);
        records.setInt((long) index * RECORD_SIZE + 4, typeId);
    }

    private static int check(int rc) throws KernelException {
        if (rc < 0) throw Errno.fail("loading the program's function BTF", rc);
        return rc;
    }

    int fd() { return LibBpf.btf__fd(btf); }

    Pointer records() { return records; }

    int count() { return count; }

    @Override public void close() { LibBpf.btf__free(btf); }
}
