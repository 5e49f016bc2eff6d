package io.jbpftrace.kernel;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped bindings to libbpf.so.1 (1.x: functions return a negative errno on failure).
 * Direct mapping avoids the proxy and reflection cost of interface mapping, which matters for
 * CLI start-up and for the per-sample ring buffer path. size_t is mapped to long: LP64 only.
 */
final class LibBpf {
    private LibBpf() {}

    static {
        // The versioned soname: the unversioned libbpf.so only exists with libbpf-dev installed.
        Native.register(LibBpf.class, NativeLibrary.getInstance("libbpf.so.1"));
        // libbpf prints its own warnings to stderr; errors here are returned as values instead.
        libbpf_set_print(null);
    }

    static native Pointer libbpf_set_print(Pointer fn);

    static native int libbpf_num_possible_cpus();

    static native int bpf_map_create(int type, String name, int keySize, int valueSize, int maxEntries, Pointer opts);

    static native int bpf_map_update_elem(int fd, byte[] key, byte[] value, long flags);

    static native int bpf_map_lookup_elem(int fd, byte[] key, byte[] value);

    static native int bpf_map_delete_elem(int fd, byte[] key);

    static native int bpf_map_get_next_key(int fd, byte[] key, byte[] nextKey);

    static native int bpf_map_lookup_batch(int fd, Pointer inBatch, Pointer outBatch, Pointer keys, Pointer values,
                                           Pointer count, Pointer opts);

    static native int bpf_prog_load(int type, String name, String license, Pointer insns, long insnCount, Pointer opts);

    static native int bpf_prog_test_run_opts(int fd, Pointer opts);

    static native int bpf_raw_tracepoint_open(String name, int progFd);

    static native Pointer btf__new_empty();

    static native int btf__add_int(Pointer btf, String name, long byteSize, int encoding);

    static native int btf__add_ptr(Pointer btf, int refTypeId);

    static native int btf__add_func_proto(Pointer btf, int returnTypeId);

    static native int btf__add_func_param(Pointer btf, String name, int typeId);

    static native int btf__add_func(Pointer btf, String name, int linkage, int protoTypeId);

    static native int btf__load_into_kernel(Pointer btf);

    static native int btf__fd(Pointer btf);

    static native void btf__free(Pointer btf);
}
