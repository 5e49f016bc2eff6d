package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.elf.StapsdtNotes;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsdtProviderTest {
    private static Path prog, lib;

    private final Kernel kernel = mock(Kernel.class);
    private final UsdtProvider usdt = new UsdtProvider();

    @BeforeAll static void build() throws Exception {
        prog = UsdtProgram.optimized();
        lib = UsdtProgram.library();
    }

    @BeforeEach void noTargetProcess() { when(kernel.targetPid()).thenReturn(OptionalInt.empty()); }

    private List<String> names(String probe) throws ProbeException {
        return usdt.expand(AttachPoint.parse(probe), kernel).stream().map(ProbeTarget::name).toList();
    }

    private String error(String probe) {
        return assertThrows(ProbeException.class, () -> usdt.expand(AttachPoint.parse(probe), kernel)).getMessage();
    }

    @Test void typesAndProgramType() {
        assertEquals(List.of("usdt", "U"), usdt.probeTypes());
        assertEquals(ProgType.KPROBE, usdt.programType(null));
    }

    @Test void providerAndProbeOrProbeAlone() throws Exception {
        assertEquals(List.of("usdt:" + prog + ":myprov:myprobe"), names("usdt:" + prog + ":myprov:myprobe"));
        assertEquals(List.of("usdt:" + prog + ":otherprov:point"), names("U:" + prog + ":point"));
        ProbeTarget t = usdt.expand(AttachPoint.parse("usdt:" + prog + ":myprov:myprobe"), kernel).get(0);
        StapsdtNotes notes = StapsdtNotes.read(prog);
        UsdtTarget data = t.data(UsdtTarget.class);
        assertEquals(prog, data.binary());
        assertEquals(notes.fileOffset(notes.notes().get(0)).orElseThrow(), data.offset());
        assertEquals(0, data.refCtrOffset());
    }

    @Test void wildcardsInProviderAndProbe() throws Exception {
        assertEquals(List.of("usdt:" + prog + ":myprov:myprobe", "usdt:" + prog + ":myprov:sizes", "usdt:" + prog + ":myprov:guarded"),
                names("usdt:" + prog + ":myprov:*"));
        assertEquals(List.of("usdt:" + prog + ":myprov:myprobe", "usdt:" + prog + ":otherprov:point"), names("usdt:" + prog + ":*:*p*o*"));
        assertEquals(List.of("usdt:" + prog + ":otherprov:point"), names("usdt:" + prog + ":o*:*"));
    }

    @Test void errors() {
        assertEquals("Could not find usdt probe: usdt:" + prog + ":myprov:nope", error("usdt:" + prog + ":myprov:nope"));
        assertEquals("usdt target file '/nope' does not exist or is not executable", error("usdt:/nope:a:b"));
        assertEquals("usdt probe type requires 2 or 3 arguments", error("usdt:" + prog));
        assertEquals("usdt probe type requires 2 or 3 arguments", error("usdt:" + prog + ":a:b:c"));
        assertEquals("usdt probe without a file path needs a process (-p PID or -c CMD)", error("usdt:*:myprov:myprobe"));
    }

    @Test void argumentsAreTypedAndBounded() throws Exception {
        ProbeTarget t = usdt.expand(AttachPoint.parse("usdt:" + prog + ":myprov:myprobe"), kernel).get(0);
        assertEquals(Type.Int.U64, usdt.builtin("arg1", t).orElseThrow().type());
        assertEquals("couldn't get argument 2 for " + prog + ":myprov:myprobe",
                assertThrows(ProbeException.class, () -> usdt.builtin("arg2", t)).getMessage());
        assertTrue(usdt.builtin("retval", t).isEmpty());
    }

    @Test void listsAFilesProbes() throws Exception {
        List<String> all = List.of("usdt:" + prog + ":myprov:myprobe", "usdt:" + prog + ":myprov:sizes",
                "usdt:" + prog + ":otherprov:point", "usdt:" + prog + ":myprov:guarded");
        assertEquals(all, usdt.list("usdt:" + prog, kernel));
        assertEquals(all, usdt.list("usdt:" + prog + ":*", kernel));
        assertEquals(List.of("usdt:" + prog + ":myprov:sizes"), usdt.list("usdt:" + prog + ":sizes", kernel));
        assertEquals(List.of("usdt:" + prog + ":otherprov:point"), usdt.list("usdt:" + prog + ":other*:*", kernel));
        assertEquals(List.of(), usdt.list("usdt:*", kernel), "without -p no path means nothing to list");
    }

    @Test void aProcessesProbesIncludeItsLibraries() throws Exception {
        try (UsdtProgram.Running running = new UsdtProgram.Running(prog, 1)) {
            when(kernel.targetPid()).thenReturn(OptionalInt.of(running.pid()));
            List<String> listed = usdt.list("usdt:*", kernel);
            assertTrue(listed.contains("usdt:" + prog + ":myprov:myprobe"), listed.toString());
            assertTrue(listed.contains("usdt:" + lib + ":mylib:libprobe"), listed.toString());
            assertEquals(List.of("usdt:" + lib + ":mylib:libprobe"), names("usdt:*:mylib:*"));
            assertEquals(List.of("usdt:" + lib + ":mylib:libprobe"), names("usdt::libprobe"));
        }
    }

    @Test void attachPassesTheSemaphoreToTheKernel() throws Exception {
        ProbeTarget guarded = usdt.expand(AttachPoint.parse("usdt:" + prog + ":myprov:guarded"), kernel).get(0);
        UsdtTarget t = guarded.data(UsdtTarget.class);
        StapsdtNotes notes = StapsdtNotes.read(prog);
        long semaphore = notes.semaphoreFileOffset(notes.notes().get(3)).orElseThrow();
        assertEquals(semaphore, t.refCtrOffset());
        Attachment handle = () -> {};
        when(kernel.targetPid()).thenReturn(OptionalInt.of(77));
        when(kernel.attachUprobe(prog, t.offset(), false, 77, 5, semaphore)).thenReturn(handle);
        assertSame(handle, usdt.attach(guarded, 5, kernel));
        verify(kernel).attachUprobe(prog, t.offset(), false, 77, 5, semaphore);
    }
}
