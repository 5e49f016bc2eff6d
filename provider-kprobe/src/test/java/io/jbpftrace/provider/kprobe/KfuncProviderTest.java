package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jbpftrace.btf.Btf;
import io.jbpftrace.btf.BtfException;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kfunc/kretfunc fail at expansion with one clear error, after the BTF lookup bpftrace does too. */
class KfuncProviderTest {
    @TempDir Path dir;
    private final Kernel kernel = mock(Kernel.class);
    private final Btf btf = mock(Btf.class);

    private KfuncProvider provider(boolean retprobe, Path pmu) {
        when(btf.function("vfs_read")).thenReturn(Optional.of(new Btf.FuncProto("vfs_read", List.of(), Type.VOID)));
        when(btf.function("nope")).thenReturn(Optional.empty());
        return new KfuncProvider(retprobe ? List.of("kretfunc", "fr") : List.of("kfunc", "f"), retprobe,
                new KprobeSupport(pmu, TracepointSuggestions.shipped()), () -> btf);
    }

    private String error(KfuncProvider p, String probe) {
        return assertThrows(ProbeException.class, () -> p.expand(AttachPoint.parse(probe), kernel)).getMessage();
    }

    @Test void knownFunctionGetsTheFentryError() {
        assertEquals("kfunc:vfs_read: kfunc probes need fentry support, which jbpftrace's program loader lacks"
                + " (BPF_PROG_TYPE_TRACING with attach_btf_id)", error(provider(false, dir.resolve("none")), "f:vfs_read"));
        assertEquals("kretfunc:vfs_read: kfunc probes need fentry support, which jbpftrace's program loader lacks"
                + " (BPF_PROG_TYPE_TRACING with attach_btf_id); use kretprobe:vfs_read instead",
                error(provider(true, dir), "kretfunc:vfs_read"));
    }

    @Test void unknownFunctionAndMissingBtf() {
        assertEquals("No BTF found for nope", error(provider(false, dir), "kfunc:nope"));
        KfuncProvider noBtf = new KfuncProvider(List.of("kfunc", "f"), false, new KprobeSupport(dir, TracepointSuggestions.shipped()),
                () -> { throw new BtfException("/sys/kernel/btf/vmlinux: missing"); });
        assertEquals("kfunc/kretfunc not available for your kernel version: no kernel BTF (/sys/kernel/btf/vmlinux: missing)",
                error(noBtf, "kfunc:vfs_read"));
        assertEquals("Offset not allowed", error(provider(false, dir), "kfunc:vfs_read+4"));
    }
}
