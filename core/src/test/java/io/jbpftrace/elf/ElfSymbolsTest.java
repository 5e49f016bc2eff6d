package io.jbpftrace.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.testsupport.Commands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElfSymbolsTest {

    @Test void fixedAddressExecutable() throws Exception {
        Path prog = CBuild.program("nopie", "-no-pie", "-fno-pie");
        ElfSymbols elf = ElfSymbols.read(prog);
        assertFalse(elf.positionIndependent());
        ElfSymbol add = elf.function("add").orElseThrow();
        assertTrue(add.address() > 0x400000L, "non-PIE code lives above its fixed base");
        assertEquals(Commands.objdumpFileOffset(prog, "add"), elf.fileOffset(add.address()).orElseThrow());
    }

    @Test void pieExecutable() throws Exception {
        Path prog = CBuild.program("pie", "-pie", "-fPIE");
        ElfSymbols elf = ElfSymbols.read(prog);
        assertTrue(elf.positionIndependent());
        for (String f : List.of("add", "add_twice", "sub", "main")) {
            long address = elf.function(f).orElseThrow().address();
            assertEquals(Commands.objdumpFileOffset(prog, f), elf.fileOffset(address).orElseThrow(), f);
        }
    }

    @Test void localFunctionsComeFromSymtabAndSizesAreKnown() throws Exception {
        ElfSymbols elf = ElfSymbols.read(CBuild.program("pie", "-pie", "-fPIE"));
        ElfSymbol sub = elf.function("sub").orElseThrow(); // static: only in .symtab
        assertTrue(sub.size() > 0);
        assertEquals("sub", elf.functionAt(sub.address() + sub.size() - 1).orElseThrow().name());
        assertTrue(elf.function("nosuch").isEmpty());
        assertTrue(elf.function("stdout").isEmpty(), "data symbols are not functions");
    }

    @Test void wildcardListIsSortedAndUnique() throws Exception {
        ElfSymbols elf = ElfSymbols.read(CBuild.program("pie", "-pie", "-fPIE"));
        List<String> names = elf.functions(n -> n.startsWith("add")).stream().map(ElfSymbol::name).toList();
        assertEquals(List.of("add", "add_twice"), names);
        List<String> all = elf.functions().stream().map(ElfSymbol::name).toList();
        assertEquals(all.stream().distinct().sorted().toList(), all);
    }

    @Test void sharedLibraryDynamicSymbols() throws Exception {
        Path libc = LdSoCache.system().find("libc").orElseThrow();
        ElfSymbols elf = ElfSymbols.read(libc);
        assertTrue(elf.positionIndependent());
        ElfSymbol malloc = elf.function("malloc").orElseThrow(); // Debian's libc has .dynsym only
        String nm = Commands.run(List.of("nm", "-D", "--defined-only", libc.toString()));
        long expected = nm.lines().filter(l -> l.endsWith(" malloc@@GLIBC_2.2.5") || l.endsWith(" malloc"))
                .mapToLong(l -> Long.parseLong(l.substring(0, l.indexOf(' ')), 16)).findFirst().orElseThrow();
        assertEquals(expected, malloc.address());
        long offset = elf.fileOffset(malloc.address()).orElseThrow();
        LoadSegment text = elf.segments().stream().filter(s -> s.containsAddress(malloc.address())).findFirst().orElseThrow();
        assertTrue(text.executable());
        assertEquals(malloc.address() - text.vaddr() + text.fileOffset(), offset);
    }

    @Test void notElf() {
        ElfException e = assertThrows(ElfException.class, () -> ElfSymbols.read(Path.of("/etc/passwd")));
        assertEquals("/etc/passwd: not an ELF file", e.getMessage());
        assertThrows(ElfException.class, () -> ElfSymbols.read(Path.of("/nonexistent")));
    }
}
