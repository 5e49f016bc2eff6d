/**
 * Kernel type information read from BTF ({@code /sys/kernel/btf/vmlinux}): structs, typedefs and
 * function prototypes mapped onto the language's {@link io.jbpftrace.types.Type} model. Start with
 * {@link io.jbpftrace.btf.Btf#vmlinux()}. Semantic versioning applies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.jbpftrace.btf;
