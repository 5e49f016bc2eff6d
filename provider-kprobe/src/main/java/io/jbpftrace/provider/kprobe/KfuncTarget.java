package io.jbpftrace.provider.kprobe;

import io.jbpftrace.btf.Btf;

/**
 * Where one expanded kfunc/kretfunc probe goes.
 *
 * @param function the kernel function, the {@code func} builtin
 * @param btfId    its FUNC's type id in vmlinux' BTF, which the program is loaded against
 * @param proto    its prototype: the types of {@code args} and {@code retval}
 */
record KfuncTarget(String function, int btfId, Btf.FuncProto proto) {}
