package io.jbpftrace.provider.kprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.Insn;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.codegen.GeneratedProgram;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kfunc scripts through the real compiler against this machine's BTF (no kernel needed): typed
 * arguments become 8-byte-aligned context loads the verifier accepts, pointers are probe-read.
 */
class KfuncCompileTest {
    private static final int LDX_MEM = 0x61, SIZE_BITS = 0x18, R6 = 6;
    private static final int W = 0x00, DW = 0x18;

    @TempDir static Path tracefs;
    private static final Kernel kernel = mock(Kernel.class);

    @BeforeAll static void kernelBtf() {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "no kernel BTF on this machine");
        when(kernel.tracefs()).thenReturn(tracefs);
    }

    private static GeneratedProgram compile(String script) {
        ProviderRegistry registry = new ProviderRegistry(List.of(new BeginEndProvider(), new KfuncProvider(), new KretfuncProvider()));
        return new Compiler(registry, kernel).compile("stdin", script, List.of()).programs().get(0);
    }

    /** Loads from the context register (R6 after the prologue) as {size, offset} pairs. */
    private static List<List<Integer>> contextLoads(GeneratedProgram p) {
        return p.insns().stream()
                .filter(i -> (i.opcode() & ~SIZE_BITS) == LDX_MEM && i.src() == R6)
                .map(i -> List.of(i.opcode() & SIZE_BITS, i.off())).toList();
    }

    @Test void argumentsAndRetvalAreLoadsAtTheirSlots() {
        // vfs_read(file, buf, count, pos): count is slot 2, the return value slot 4.
        GeneratedProgram p = compile("kretfunc:vfs_read /args->count == 100/ { @ = sum(retval); }");
        assertEquals("kretfunc:vmlinux:vfs_read", p.instance().target().name());
        assertEquals(List.of(List.of(DW, 16), List.of(DW, 32)), contextLoads(p));
    }

    @Test void narrowSignedArgumentsLoadTheirOwnSize() {
        // do_sys_open(int dfd, const char *filename, int flags, umode_t mode): flags is slot 2, an int.
        GeneratedProgram p = compile("kfunc:do_sys_open { @ = args->flags; }");
        assertEquals(List.of(List.of(W, 16)), contextLoads(p));
    }

    @Test void pointerChainsReadThroughTheFirstArgument() {
        GeneratedProgram p = compile("kfunc:vfs_open { printf(\"%s\\n\", str(args->path->dentry->d_name.name)); }");
        assertEquals(List.of(List.of(DW, 0)), contextLoads(p));
        long probeReads = p.insns().stream().filter(i -> i.opcode() == 0x85 && (i.imm() == 113 || i.imm() == 115)).count();
        assertTrue(probeReads >= 3, "dentry, name pointer and the string are probe-read: " + probeReads);
    }

    @Test void errorsArePositionedAtTheBuiltin() {
        CompileError e = assertThrows(CompileError.class, () -> compile("kfunc:vfs_read { @ = retval; }"));
        assertTrue(e.format().contains("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes"), e.format());
        e = assertThrows(CompileError.class, () -> compile("kfunc:vfs_read { @ = args->nope; }"));
        assertTrue(e.format().contains("does not contain a field named 'nope'"), e.format());
    }
}
