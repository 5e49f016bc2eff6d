package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.AttachType;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.btf.BtfException;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.LoadAttributes;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kfunc/kretfunc expansion, listing, builtins and attach, against a fake BTF and tracefs. */
class KfuncProviderTest {
    static final Type.Record FILE = new Type.Record("file", List.of(), 232);
    static final Btf.FuncProto VFS_READ = new Btf.FuncProto("vfs_read", List.of(
            new Btf.FuncProto.Param("file", new Type.Pointer(FILE, false)),
            new Btf.FuncProto.Param("buf", new Type.Pointer(Type.Int.S8, true)),
            new Btf.FuncProto.Param("count", Type.Int.U64),
            new Btf.FuncProto.Param("pos", new Type.Pointer(Type.Int.S64, false))), Type.Int.S64);
    static final Btf.FuncProto VFS_WRITE = new Btf.FuncProto("vfs_write", VFS_READ.params(), Type.Int.S64);
    static final Btf.FuncProto VFS_SYNC = new Btf.FuncProto("vfs_sync", List.of(), Type.VOID);
    /** Seven arguments: more than fentry takes on x86-64, so wildcards skip it. */
    static final Btf.FuncProto VFS_MANY = new Btf.FuncProto("vfs_many",
            java.util.Collections.nCopies(7, new Btf.FuncProto.Param("x", Type.Int.U64)), Type.Int.S32);

    @TempDir Path dir;
    private Path tracefs;
    private final Kernel kernel = mock(Kernel.class);
    private final Btf btf = mock(Btf.class);

    @BeforeEach void fakeKernel() throws IOException {
        tracefs = Files.createDirectories(dir.resolve("tracing"));
        when(kernel.tracefs()).thenReturn(tracefs);
        Files.createDirectories(tracefs.resolve("events/syscalls/sys_enter_read"));
        Files.createDirectories(tracefs.resolve("events/syscalls/sys_exit_read"));
        int id = 100;
        for (Btf.FuncProto f : List.of(VFS_READ, VFS_WRITE, VFS_SYNC, VFS_MANY)) {
            when(btf.functionId(f.name())).thenReturn(OptionalInt.of(id++));
            when(btf.function(f.name())).thenReturn(Optional.of(f));
        }
        when(btf.functionId("vfs_notrace")).thenReturn(OptionalInt.of(200));
        when(btf.function("vfs_notrace")).thenReturn(Optional.of(new Btf.FuncProto("vfs_notrace", List.of(), Type.VOID)));
        when(btf.functionId("nope")).thenReturn(OptionalInt.empty());
        when(btf.functionNames()).thenReturn(List.of("do_nanosleep", "vfs_many", "vfs_notrace", "vfs_read", "vfs_sync", "vfs_write"));
    }

    private void filterFunctions(String... lines) throws IOException {
        Files.writeString(tracefs.resolve("available_filter_functions"), String.join("\n", lines) + "\n");
    }

    private KfuncProvider kfunc() { return provider(false, dir.resolve("no-kprobe-pmu")); }

    private KfuncProvider kretfunc() { return provider(true, dir.resolve("no-kprobe-pmu")); }

    private KfuncProvider provider(boolean retprobe, Path kprobePmu) {
        return new KfuncProvider(retprobe ? List.of("kretfunc", "fr") : List.of("kfunc", "f"), retprobe,
                new KprobeSupport(kprobePmu, TracepointSuggestions.shipped()), () -> btf);
    }

    private List<ProbeTarget> expand(KfuncProvider p, String probe) throws ProbeException {
        return p.expand(AttachPoint.parse(probe), kernel);
    }

    private String error(KfuncProvider p, String probe) {
        return assertThrows(ProbeException.class, () -> expand(p, probe)).getMessage();
    }

    private void refuseFentry() throws ProbeException {
        doThrow(new ProbeException("loading a BPF_PROG_TYPE_TRACING program for vfs_read: Operation not permitted"))
                .when(kernel).requireLoadable(eq(ProgType.TRACING), any(), anyString());
    }

    @Test void oneFunctionIsLoadedAgainstItsBtfId() throws Exception {
        ProbeTarget t = expand(kfunc(), "f:vfs_read").get(0);
        assertEquals("kfunc:vmlinux:vfs_read", t.name());
        assertEquals(new KfuncTarget("vfs_read", 100, VFS_READ), t.data());
        assertEquals(ProgType.TRACING, kfunc().programType(t));
        assertEquals(new LoadAttributes(AttachType.TRACE_FENTRY, 100), kfunc().loadAttributes(t));
        ProbeTarget r = expand(kretfunc(), "kretfunc:vmlinux:vfs_write").get(0);
        assertEquals("kretfunc:vmlinux:vfs_write", r.name());
        assertEquals(new LoadAttributes(AttachType.TRACE_FEXIT, 101), kretfunc().loadAttributes(r));
        verify(kernel).requireLoadable(ProgType.TRACING, new LoadAttributes(AttachType.TRACE_FENTRY, 100),
                "loading a BPF_PROG_TYPE_TRACING program for vfs_read");
    }

    @Test void wildcardsTakeBtfFunctionsFtraceListsAndFentryCanTake() throws Exception {
        filterFunctions("vfs_read", "vfs_write", "vfs_many", "vfs_sync", "vfs_read [ext4]", "__ftrace_invalid_address___99");
        assertEquals(List.of("kfunc:vmlinux:vfs_read", "kfunc:vmlinux:vfs_sync", "kfunc:vmlinux:vfs_write"),
                expand(kfunc(), "kfunc:vfs_*").stream().map(ProbeTarget::name).toList());
        assertEquals(List.of("kretfunc:vmlinux:vfs_write"), expand(kretfunc(), "fr:*:vfs_*rite").stream().map(ProbeTarget::name).toList());
        assertEquals("No matches for kfunc:ext4_* in kernel BTF", error(kfunc(), "kfunc:ext4_*"));
    }

    @Test void withoutAReadableFilterListBtfAloneDecides() throws Exception {
        assertEquals(List.of("kfunc:vmlinux:vfs_notrace", "kfunc:vmlinux:vfs_read", "kfunc:vmlinux:vfs_sync", "kfunc:vmlinux:vfs_write"),
                expand(kfunc(), "kfunc:vfs_*").stream().map(ProbeTarget::name).toList());
    }

    @Test void unknownFunctionOffsetsModulesAndMissingBtf() {
        assertEquals("No BTF found for nope", error(kfunc(), "kfunc:nope"));
        assertEquals("Offset not allowed", error(kfunc(), "kfunc:vfs_read+4"));
        assertEquals("kfunc:ext4:ext4_file_open: functions of kernel modules are not supported (only vmlinux' BTF is read);"
                + " use kfunc:ext4_file_open", error(kfunc(), "kfunc:ext4:ext4_file_open"));
        KfuncProvider noBtf = new KfuncProvider(List.of("kfunc", "f"), false, new KprobeSupport(dir, TracepointSuggestions.shipped()),
                () -> { throw new BtfException("/sys/kernel/btf/vmlinux: missing"); });
        assertEquals("kfunc/kretfunc not available for your kernel version: no kernel BTF (/sys/kernel/btf/vmlinux: missing)",
                error(noBtf, "kfunc:vfs_read"));
    }

    @Test void aKernelRefusingFentryGetsOneErrorAndAProbeThatWorksHere() throws Exception {
        refuseFentry();
        String cause = "this kernel refuses fentry programs (loading a BPF_PROG_TYPE_TRACING program for vfs_read: Operation not permitted)";
        assertEquals("kfunc:vfs_read: " + cause + "; try tracepoint:syscalls:sys_enter_read instead", error(kfunc(), "kfunc:vfs_read"));
        assertEquals("kretfunc:vfs_read: " + cause.replace("fentry", "fexit") + "; try kretprobe:vfs_read instead",
                error(provider(true, dir), "kretfunc:vfs_read")); // dir exists: kprobes "work"
        assertEquals("kfunc:vfs_*: " + cause, error(kfunc(), "kfunc:vfs_*"));
    }

    @Test void listsWhatAWildcardWouldAttach() throws Exception {
        filterFunctions("vfs_read", "vfs_write", "vfs_many", "do_nanosleep");
        assertEquals(List.of("kfunc:vmlinux:vfs_read", "kfunc:vmlinux:vfs_write"), kfunc().list("kfunc:vfs_*", kernel));
        assertEquals(List.of("kretfunc:vmlinux:vfs_read"), kretfunc().list("kretfunc:vmlinux:vfs_r*", kernel));
        assertEquals(List.of(), kfunc().list("kfunc:ext4:*", kernel));
        refuseFentry();
        assertEquals(List.of(), kfunc().list("kfunc:vfs_*", kernel), "nothing listed that could not attach");
    }

    @Test void argsAreTypedFromBtfAtTheirContextSlots() throws Exception {
        ProbeTarget t = expand(kfunc(), "kfunc:vfs_read").get(0);
        var args = kfunc().builtin("args", t).orElseThrow();
        assertTrue(args.inContext());
        Type.Record record = (Type.Record) args.type();
        assertEquals(List.of(new Type.Field("file", 0, new Type.Pointer(FILE, false)),
                new Type.Field("buf", 8, new Type.Pointer(Type.Int.S8, true)),
                new Type.Field("count", 16, Type.Int.U64),
                new Type.Field("pos", 24, new Type.Pointer(Type.Int.S64, false))), record.fields());
        assertEquals("vfs_read", kfunc().builtin("func", t).orElseThrow().constant());
        assertTrue(kfunc().builtin("comm", t).isEmpty());
        assertEquals("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes",
                assertThrows(ProbeException.class, () -> kfunc().builtin("retval", t)).getMessage());
        assertEquals("The arg0 builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes",
                assertThrows(ProbeException.class, () -> kfunc().builtin("arg0", t)).getMessage());
    }

    @Test void retvalIsTypedAndVoidHasNone() throws Exception {
        ProbeTarget r = expand(kretfunc(), "kretfunc:vfs_read").get(0);
        assertEquals(Type.Int.S64, kretfunc().builtin("retval", r).orElseThrow().type());
        ProbeTarget v = expand(kretfunc(), "kretfunc:vfs_sync").get(0);
        assertEquals("vfs_sync returns void: there is no retval",
                assertThrows(ProbeException.class, () -> kretfunc().builtin("retval", v)).getMessage());
    }

    @Test void attachesThroughTheKernelFacade() throws Exception {
        Attachment handle = () -> {};
        when(kernel.attachTracing("kretfunc:vmlinux:vfs_read", 7)).thenReturn(handle);
        assertSame(handle, kretfunc().attach(expand(kretfunc(), "kretfunc:vfs_read").get(0), 7, kernel));
    }
}
