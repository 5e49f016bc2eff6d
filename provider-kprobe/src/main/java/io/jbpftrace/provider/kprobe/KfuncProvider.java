package io.jbpftrace.provider.kprobe;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code kfunc:vfs_read} / {@code kretfunc:vfs_read} (fentry/fexit), known so that they fail with one
 * clear error: fentry programs are BPF_PROG_TYPE_TRACING loads bound to a BTF function id
 * (attach_btf_id, then a BPF link), which jbpftrace's loader does not do yet. The function is looked
 * up in BTF first, so a misspelt one gets bpftrace's error, and the message points at a probe that works here.
 */
public class KfuncProvider implements ProbeProvider {
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

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        KprobeSpec spec = KprobeSpec.parse(probe);
        if (spec.offset() != 0) throw new ProbeException("Offset not allowed");
        if (!spec.wildcard()) requireBtf(spec.function());
        String name = types.get(0) + ":" + spec.text();
        String instead = kprobes.available() ? "; use " + (retprobe ? "kretprobe:" : "kprobe:") + spec.text() + " instead" : "";
        throw new ProbeException(name + ": kfunc probes need fentry support, which jbpftrace's program loader lacks"
                + " (BPF_PROG_TYPE_TRACING with attach_btf_id)" + instead);
    }

    private void requireBtf(String function) throws ProbeException {
        Btf types;
        try {
            types = btf.get();
        } catch (RuntimeException e) {
            throw new ProbeException("kfunc/kretfunc not available for your kernel version: no kernel BTF (" + e.getMessage() + ")");
        }
        if (types.function(function).isEmpty()) throw new ProbeException("No BTF found for " + function);
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.TRACING; }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        throw new ProbeException(target.name() + ": kfunc probes cannot be attached yet");
    }
}
