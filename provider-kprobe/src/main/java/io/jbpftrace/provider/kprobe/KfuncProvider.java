package io.jbpftrace.provider.kprobe;

import io.jbpftrace.bpf.AttachType;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.LoadAttributes;
import io.jbpftrace.spi.MissingTargetException;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code kfunc:vfs_read} (fentry) and, through {@link KretfuncProvider}, {@code kretfunc:vfs_read}
 * (fexit): BPF_PROG_TYPE_TRACING programs, each loaded against one kernel function's BTF id and
 * attached with a raw tracepoint open, so arguments ({@code args->name}) and {@code retval} come
 * typed from BTF. {@code kfunc:vmlinux:func} names the same function; other modules are not read.
 */
public class KfuncProvider implements ProbeProvider {
    /** The module name of the kernel image, as BTF and bpftrace call it. */
    private static final String VMLINUX = "vmlinux";
    private static final Pattern ARG = Pattern.compile("arg\\d+");

    private final List<String> types;
    private final boolean retprobe;
    private final KprobeSupport kprobes;
    private final Supplier<Btf> btf;

    public KfuncProvider() { this(List.of("kfunc", "f"), false, KprobeProvider.defaultSupport(), Btf::vmlinux); }

    KfuncProvider(List<String> types, boolean retprobe, KprobeSupport kprobes, Supplier<Btf> btf) {
        this.types = types;
        this.retprobe = retprobe;
        this.kprobes = kprobes;
        this.btf = btf;
    }

    @Override
    public List<String> probeTypes() { return types; }

    private String type() { return types.get(0); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        KprobeSpec spec = KprobeSpec.parse(probe);
        if (spec.offset() != 0) throw new ProbeException("Offset not allowed");
        requireVmlinux(spec);
        FentryFunctions functions = FentryFunctions.of(btf(), kernel.tracefs());
        List<KfuncTarget> found;
        if (Glob.hasWildcard(spec.function())) {
            found = functions.matching(spec.function());
            if (found.isEmpty()) throw new MissingTargetException("No matches for " + type() + ":" + spec.function() + " in kernel BTF");
        } else {
            found = List.of(functions.named(spec.function())
                    .orElseThrow(() -> new ProbeException("No BTF found for " + spec.function())));
        }
        requireFentry(type() + ":" + spec.function(), found.get(0), kernel);
        return found.stream().map(t -> new ProbeTarget(name(t), t)).toList();
    }

    /** As bpftrace names them, the module included: {@code kfunc:vmlinux:vfs_read} (also the {@code probe} builtin). */
    private String name(KfuncTarget t) { return type() + ":" + VMLINUX + ":" + t.function(); }

    /** Only vmlinux' BTF is read, so a module's functions cannot be resolved. */
    private void requireVmlinux(KprobeSpec spec) throws ProbeException {
        if (spec.module() == null || Glob.of(spec.module()).matches(VMLINUX)) return;
        throw new ProbeException(type() + ":" + spec.text() + ": functions of kernel modules are not supported"
                + " (only vmlinux' BTF is read); use " + type() + ":" + spec.function());
    }

    private Btf btf() throws ProbeException {
        try {
            return btf.get();
        } catch (RuntimeException e) {
            throw new ProbeException("kfunc/kretfunc not available for your kernel version: no kernel BTF (" + e.getMessage() + ")");
        }
    }

    /** One trial load, so a kernel that refuses fentry gets one error naming why, and a probe that works here. */
    private void requireFentry(String probe, KfuncTarget first, Kernel kernel) throws ProbeException {
        try {
            kernel.requireLoadable(ProgType.TRACING, attributes(first), "loading a BPF_PROG_TYPE_TRACING program for " + first.function());
        } catch (ProbeException e) {
            List<String> instead = Glob.hasWildcard(probe) ? List.of() : kprobes.alternatives(first.function(), retprobe, kernel);
            throw new ProbeException(probe + ": this kernel refuses " + (retprobe ? "fexit" : "fentry") + " programs (" + e.getMessage() + ")"
                    + (instead.isEmpty() ? "" : "; try " + String.join(" or ", instead) + " instead"));
        }
    }

    /** {@code -l 'kfunc:vfs_*'}: the functions a wildcard would attach to, as {@code kfunc:vmlinux:func}. */
    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        AttachPoint ap = AttachPoint.parse(pattern);
        String function = ap.parts().isEmpty() ? "*" : ap.part(ap.parts().size() - 1);
        if (ap.parts().size() == 2 && !Glob.of(ap.part(0)).matches(VMLINUX)) return List.of();
        Btf types;
        try {
            types = btf.get();
        } catch (RuntimeException e) {
            return List.of(); // no BTF: nothing here could be attached
        }
        List<KfuncTarget> found = FentryFunctions.of(types, kernel.tracefs()).matching(function);
        if (found.isEmpty() || !loadable(found.get(0), kernel)) return List.of(); // like kprobes: only what could attach
        return found.stream().map(this::name).toList();
    }

    private boolean loadable(KfuncTarget t, Kernel kernel) {
        try {
            kernel.requireLoadable(ProgType.TRACING, attributes(t), t.function());
            return true;
        } catch (ProbeException e) {
            return false;
        }
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.TRACING; }

    @Override
    public LoadAttributes loadAttributes(ProbeTarget target) { return attributes(target.data(KfuncTarget.class)); }

    private LoadAttributes attributes(KfuncTarget t) {
        return LoadAttributes.tracing(retprobe ? AttachType.TRACE_FEXIT : AttachType.TRACE_FENTRY, t.btfId());
    }

    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        KfuncTarget t = target.data(KfuncTarget.class);
        switch (name) {
            case "args":
                return Optional.of(Builtin.contextRecord(FentryContext.args(t.proto())));
            case "func":
                return Optional.of(Builtin.constant(t.function()));
            case "retval":
                if (!retprobe) throw new ProbeException("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes");
                return Optional.of(FentryContext.retval(t.proto()));
            default:
                if (ARG.matcher(name).matches()) {
                    throw new ProbeException("The " + name + " builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes");
                }
                return Optional.empty();
        }
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        return kernel.attachTracing(target.name(), programFd);
    }
}
