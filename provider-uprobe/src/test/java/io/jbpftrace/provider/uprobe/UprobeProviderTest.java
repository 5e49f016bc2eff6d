package io.jbpftrace.provider.uprobe;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.elf.BinaryLocator;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.elf.LdSoCache;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UprobeProviderTest {
    private static Path prog;
    private static long addOffset;

    private final Kernel kernel = mock(Kernel.class);
    private final UprobeProvider uprobe = new UprobeProvider();
    private final UprobeProvider uretprobe = new UretprobeProvider();

    @BeforeAll static void build() throws Exception {
        prog = TargetProgram.pie();
        addOffset = io.jbpftrace.testsupport.Commands.objdumpFileOffset(prog, "add");
    }

    private List<ProbeTarget> expand(UprobeProvider provider, String probe) throws ProbeException {
        return provider.expand(AttachPoint.parse(probe), kernel);
    }

    private String error(UprobeProvider provider, String probe) {
        return assertThrows(ProbeException.class, () -> expand(provider, probe)).getMessage();
    }

    @Test void typesAndProgramType() {
        assertEquals(List.of("uprobe", "u"), uprobe.probeTypes());
        assertEquals(List.of("uretprobe", "ur"), uretprobe.probeTypes());
        assertEquals(ProgType.KPROBE, uprobe.programType(null));
    }

    @Test void functionResolvesToItsFileOffset() throws ProbeException {
        List<ProbeTarget> targets = expand(uprobe, "u:" + prog + ":add");
        assertEquals(1, targets.size());
        assertEquals("uprobe:" + prog + ":add", targets.get(0).name());
        assertEquals(new UprobeTarget(prog, "add", addOffset, "add"), targets.get(0).data(UprobeTarget.class));
        assertEquals("uretprobe:" + prog + ":add", expand(uretprobe, "ur:" + prog + ":add").get(0).name());
    }

    @Test void offsetsAndRawAddresses() throws Exception {
        assertEquals(addOffset + 3, expand(uprobe, "uprobe:" + prog + ":add+3").get(0).data(UprobeTarget.class).offset());
        assertEquals("uprobe:" + prog + ":add+0x3", expand(uprobe, "uprobe:" + prog + ":add+0x3").get(0).name());
        assertTrue(error(uprobe, "uprobe:" + prog + ":add+0x10000").startsWith("Offset outside the function bounds ('add' size is "));
        assertEquals("Offset not allowed", error(uretprobe, "uretprobe:" + prog + ":add+4"));
        long address = ElfSymbols.read(prog).function("add").orElseThrow().address();
        String hex = "0x" + Long.toHexString(address);
        ProbeTarget raw = expand(uprobe, "uprobe:" + prog + ":" + hex).get(0);
        assertEquals("uprobe:" + prog + ":" + hex, raw.name());
        assertEquals(addOffset, raw.data(UprobeTarget.class).offset());
        assertEquals("Could not resolve address: " + prog + ":0x1", error(uprobe, "uprobe:" + prog + ":0x1"));
    }

    @Test void wildcardsExpandToEveryMatchingFunctionSorted() throws ProbeException {
        List<String> names = expand(uprobe, "uprobe:" + prog + ":add*").stream().map(ProbeTarget::name).toList();
        assertEquals(List.of("uprobe:" + prog + ":add", "uprobe:" + prog + ":add_three"), names);
        assertEquals("Could not resolve symbol: " + prog + ":nomatch*", error(uprobe, "uprobe:" + prog + ":nomatch*"));
    }

    @Test void errorsUseBpftraceWording() {
        assertEquals("uprobe target file '/nope' does not exist or is not executable", error(uprobe, "uprobe:/nope:foo"));
        assertEquals("uprobe target file '/etc/passwd' does not exist or is not executable", error(uprobe, "uprobe:/etc/passwd:foo"));
        assertEquals("Could not resolve symbol: " + prog + ":nosuch", error(uprobe, "uprobe:" + prog + ":nosuch"));
        assertEquals("uprobe probe type requires 2 arguments", error(uprobe, "uprobe:" + prog));
        assertEquals("uretprobe probe type requires 2 arguments", error(uretprobe, "uretprobe:a:b:c"));
    }

    @Test void librariesByName() throws ProbeException {
        Path libc = LdSoCache.system().find("libc").orElseThrow();
        ProbeTarget malloc = expand(uprobe, "uprobe:libc:malloc").get(0);
        assertEquals("uprobe:" + libc + ":malloc", malloc.name());
        assertEquals(libc, malloc.data(UprobeTarget.class).binary());
    }

    @Test void programsOnPathByName() throws ProbeException {
        UprobeProvider onPath = new UprobeProvider(List.of("uprobe", "u"), false,
                new BinaryLocator(List.of(prog.getParent()), LdSoCache::system));
        assertEquals("uprobe:" + prog + ":add", onPath.expand(AttachPoint.parse("uprobe:uprobe_target_pie:add"), kernel).get(0).name());
    }

    @Test void listsFunctionsMatchingThePattern() throws ProbeException {
        assertEquals(List.of("uprobe:" + prog + ":add", "uprobe:" + prog + ":add_three"), uprobe.list("uprobe:" + prog + ":add*", kernel));
        assertEquals(List.of("uprobe:" + prog + ":add_three"), uprobe.list("u:" + prog + ":*three", kernel));
        assertEquals(List.of("uretprobe:" + prog + ":main"), uretprobe.list("uretprobe:" + prog + ":mai?", kernel));
        List<String> all = uprobe.list("uprobe:" + prog, kernel);
        assertTrue(all.contains("uprobe:" + prog + ":main"), all.toString());
        assertEquals(List.of(), uprobe.list("uprobe:***", kernel), "no binary named: nothing to list");
        assertEquals(List.of(), uprobe.list("uprobe:/usr/*/bash:*", kernel));
        Path libc = LdSoCache.system().find("libc").orElseThrow();
        List<String> mallocs = uprobe.list("uprobe:libc:mallo*", kernel);
        assertTrue(mallocs.contains("uprobe:" + libc + ":malloc"), mallocs.toString());
        assertEquals(mallocs.stream().sorted().distinct().toList(), mallocs);
    }

    @Test void argumentsComeFromThePtRegsContext() throws ProbeException {
        Builtin arg0 = uprobe.builtin("arg0", null).orElseThrow();
        assertEquals(Type.Int.U64, arg0.type());
        assertEquals(List.of(new Insn(Op.LDX | Op.MEM | Op.size(8), Reg.R3.id(), Reg.R6.id(), 112, 0)), emit(arg0));
        assertEquals(64, emit(uprobe.builtin("arg5", null).orElseThrow()).get(0).off());
        assertEquals(80, emit(uretprobe.builtin("retval", null).orElseThrow()).get(0).off());
        assertTrue(uprobe.builtin("comm", null).isEmpty());
    }

    @Test void stackArgumentsAreReadFromTheUserStackPastTheReturnAddress() throws ProbeException {
        List<Insn> code = emit(uprobe.builtin("sarg1", null).orElseThrow());
        assertEquals(new Insn(Op.LDX | Op.MEM | Op.size(8), Reg.R3.id(), Reg.R6.id(), 152, 0), code.get(0), "sp from pt_regs");
        assertEquals(8 + 8, code.get(1).imm(), "return address, then sarg0");
        assertTrue(code.stream().anyMatch(i -> i.imm() == Helper.PROBE_READ_USER.id && i.opcode() == (Op.JMP | Op.CALL)), code.toString());
        assertEquals("The sarg0 builtin can only be used with 'kprobes' and 'uprobes' probes",
                assertThrows(ProbeException.class, () -> uretprobe.builtin("sarg0", null)).getMessage());
    }

    @Test void funcIsTheFunctionHoldingTheProbe() throws Exception {
        assertEquals("add", func(uprobe, "uprobe:" + prog + ":add"));
        assertEquals("add", func(uprobe, "uprobe:" + prog + ":add+3"));
        assertEquals("add_three", func(uretprobe, "uretprobe:" + prog + ":add_*"));
        long inAdd = ElfSymbols.read(prog).function("add").orElseThrow().address() + 1;
        assertEquals("add", func(uprobe, "uprobe:" + prog + ":0x" + Long.toHexString(inAdd)));
        assertEquals(new Type.Str(4), uprobe.builtin("func", expand(uprobe, "uprobe:" + prog + ":add").get(0)).orElseThrow().type());
    }

    private String func(UprobeProvider provider, String probe) throws ProbeException {
        return provider.builtin("func", expand(provider, probe).get(0)).orElseThrow().constant();
    }

    @Test void builtinErrorsUseBpftraceWording() {
        assertEquals("x86_64 doesn't support arg6", assertThrows(ProbeException.class, () -> uprobe.builtin("arg6", null)).getMessage());
        assertEquals("The retval builtin can only be used with 'kretprobe' and 'uretprobe' and 'kfunc' probes",
                assertThrows(ProbeException.class, () -> uprobe.builtin("retval", null)).getMessage());
        assertEquals("The arg0 builtin can only be used with 'kprobes', 'uprobes' and 'usdt' probes",
                assertThrows(ProbeException.class, () -> uretprobe.builtin("arg0", null)).getMessage());
    }

    private static List<Insn> emit(Builtin b) {
        Asm asm = new Asm();
        b.code().emit(asm, Reg.R6, Reg.R3);
        return asm.build();
    }

    @Test void attachesThroughTheKernelForAllProcessesOrTheTargetPid() throws ProbeException {
        Attachment handle = () -> {};
        ProbeTarget add = expand(uprobe, "uprobe:" + prog + ":add").get(0);
        when(kernel.targetPid()).thenReturn(OptionalInt.empty());
        when(kernel.attachUprobe(prog, addOffset, false, -1, 7)).thenReturn(handle);
        assertSame(handle, uprobe.attach(add, 7, kernel));
        verify(kernel).attachUprobe(prog, addOffset, false, -1, 7);

        when(kernel.targetPid()).thenReturn(OptionalInt.of(4242));
        ProbeTarget ret = expand(uretprobe, "uretprobe:" + prog + ":add").get(0);
        uretprobe.attach(ret, 9, kernel);
        verify(kernel).attachUprobe(prog, addOffset, true, 4242, 9);
    }

    @Test void attachErrorsPassThrough() throws ProbeException {
        when(kernel.targetPid()).thenReturn(OptionalInt.empty());
        when(kernel.attachUprobe(prog, addOffset, false, -1, 3)).thenThrow(new ProbeException("uprobe x: No such file"));
        ProbeTarget add = expand(uprobe, "uprobe:" + prog + ":add").get(0);
        assertEquals("uprobe x: No such file", assertThrows(ProbeException.class, () -> uprobe.attach(add, 3, kernel)).getMessage());
    }
}
