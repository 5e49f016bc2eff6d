package io.jbpftrace.provider.kprobe;

import io.jbpftrace.spi.PtRegs;
import io.jbpftrace.spi.RegisterBuiltins;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.MissingTargetException;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kernel function probes: {@code kprobe:vfs_read}, {@code kprobe:vfs_read+16}, {@code kprobe:vfs_*},
 * {@code kprobe:ext4:ext4_file_open}. Placed through the kprobe PMU, so each probe lives as long as
 * its perf event fd and nothing stays in tracefs' kprobe_events. {@link KretprobeProvider} runs on return.
 */
public class KprobeProvider implements ProbeProvider {
    private final List<String> types;
    private final boolean retprobe;
    private final KprobeSupport support;
    private final RegisterBuiltins registers = new RegisterBuiltins(PtRegs.current());

    public KprobeProvider() { this(List.of("kprobe", "k"), false, defaultSupport()); }

    KprobeProvider(List<String> types, boolean retprobe, KprobeSupport support) {
        this.types = types;
        this.retprobe = retprobe;
        this.support = support;
    }

    static KprobeSupport defaultSupport() { return new KprobeSupport(KprobeSupport.PMU, TracepointSuggestions.shipped()); }

    @Override
    public List<String> probeTypes() { return types; }

    private String type() { return types.get(0); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        KprobeSpec spec = KprobeSpec.parse(probe);
        // A return probe hooks the return address at entry; mid-function it would catch a caller's return.
        if (retprobe && spec.offset() != 0) throw new ProbeException("Offset not allowed");
        support.require(type() + ":" + spec.text(), spec, retprobe, kernel);
        if (!spec.wildcard()) {
            // Not checked against available_filter_functions: kprobes reach functions ftrace cannot.
            return List.of(new ProbeTarget(type() + ":" + spec.text(), new KprobeTarget(spec.symbol(), spec.offset(), spec.function())));
        }
        List<ProbeTarget> out = new ArrayList<>();
        for (KernelFunction f : KernelFunctions.read(kernel.tracefs()).matching(spec)) {
            String symbol = spec.module() == null ? f.name() : f.qualified();
            out.add(new ProbeTarget(type() + ":" + symbol, new KprobeTarget(symbol, 0, f.name())));
        }
        if (out.isEmpty()) throw new MissingTargetException("No matches for " + type() + ":" + spec.text() + " in available_filter_functions");
        return out;
    }

    /** {@code -l 'kprobe:vfs_*'}: kernel functions as {@code kprobe:func}, module ones as {@code kprobe:mod:func}. */
    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        if (!support.available()) return List.of(); // nothing here could be attached
        AttachPoint ap = AttachPoint.parse(pattern);
        KprobeSpec spec = ap.parts().isEmpty() ? new KprobeSpec(null, "*", 0) : KprobeSpec.parse(ap);
        KprobeSpec any = new KprobeSpec(spec.module(), spec.function(), 0);
        return KernelFunctions.read(kernel.tracefs()).matching(any).stream()
                .map(f -> type() + ":" + f.qualified()).sorted().distinct().toList();
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.KPROBE; }

    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        if (name.equals("func")) return Optional.of(Builtin.constant(target.data(KprobeTarget.class).function()));
        return registers.builtin(name, retprobe);
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        KprobeTarget t = target.data(KprobeTarget.class);
        return kernel.attachKprobe(t.symbol(), t.offset(), retprobe, programFd);
    }
}
