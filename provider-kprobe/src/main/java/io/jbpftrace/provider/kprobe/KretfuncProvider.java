package io.jbpftrace.provider.kprobe;

import io.jbpftrace.btf.Btf;
import java.util.List;

/** {@code kretfunc:vfs_read} (fexit): see {@link KfuncProvider}. */
public final class KretfuncProvider extends KfuncProvider {
    public KretfuncProvider() { super(List.of("kretfunc", "fr"), true, KprobeProvider.defaultSupport(), Btf::vmlinux); }
}
