package io.jbpftrace.elf;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks one ELF file through libelf: the file type, PT_LOAD program headers and the function
 * symbols of .symtab and .dynsym. Offsets below are those of the GElf_* (Elf64) structs.
 */
final class ElfReader implements AutoCloseable {
    private static final int EHDR_SIZE = 64, E_TYPE = 16;
    private static final int PHDR_SIZE = 56, P_TYPE = 0, P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32, P_MEMSZ = 40;
    private static final int SHDR_SIZE = 64, SH_NAME = 0, SH_TYPE = 4, SH_ADDR = 16, SH_OFFSET = 24, SH_SIZE = 32,
            SH_LINK = 40, SH_ENTSIZE = 56;
    /** Elf_Data: d_buf and d_size. */
    private static final int D_BUF = 0, D_SIZE = 16;
    private static final int SYM_SIZE = 24, ST_NAME = 0, ST_INFO = 4, ST_SHNDX = 6, ST_VALUE = 8, ST_SIZE = 16;
    private static final int PT_LOAD = 1, PF_X = 1, SHT_SYMTAB = 2, SHT_DYNSYM = 11;
    private static final int STT_OBJECT = 1, STT_FUNC = 2, STT_GNU_IFUNC = 10;
    static final int ET_EXEC = 2, ET_DYN = 3;

    private final Path file;
    private final int fd;
    private final Pointer elf;

    private ElfReader(Path file, int fd, Pointer elf) {
        this.file = file;
        this.fd = fd;
        this.elf = elf;
    }

    static ElfReader open(Path file) throws ElfException {
        int fd;
        try {
            fd = Posix.open(file.toString(), Posix.O_RDONLY | Posix.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new ElfException(file + ": cannot open: " + e.getMessage());
        }
        Pointer elf = LibElf.elf_begin(fd, LibElf.ELF_C_READ_MMAP, null);
        if (elf == null || LibElf.elf_kind(elf) != LibElf.ELF_K_ELF) {
            String reason = elf == null ? LibElf.lastError() : "not an ELF file";
            if (elf != null) LibElf.elf_end(elf);
            Posix.close(fd);
            throw new ElfException(file + ": " + reason);
        }
        return new ElfReader(file, fd, elf);
    }

    /** e_type: ET_EXEC for fixed-address executables, ET_DYN for PIE and shared libraries. */
    int fileType() throws ElfException {
        Memory ehdr = new Memory(EHDR_SIZE);
        if (LibElf.gelf_getehdr(elf, ehdr) == null) throw failure("reading the ELF header");
        return ehdr.getShort(E_TYPE) & 0xffff;
    }

    List<LoadSegment> loadSegments() throws ElfException {
        long[] count = new long[1];
        if (LibElf.elf_getphdrnum(elf, count) != 0) throw failure("counting program headers");
        Memory phdr = new Memory(PHDR_SIZE);
        List<LoadSegment> out = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            if (LibElf.gelf_getphdr(elf, i, phdr) == null) throw failure("reading program header " + i);
            if (phdr.getInt(P_TYPE) != PT_LOAD) continue;
            out.add(new LoadSegment(phdr.getLong(P_OFFSET), phdr.getLong(P_VADDR), phdr.getLong(P_FILESZ),
                    phdr.getLong(P_MEMSZ), (phdr.getInt(P_FLAGS) & PF_X) != 0));
        }
        return out;
    }

    /** Defined FUNC and GNU_IFUNC symbols of every symbol table, in file order (duplicates kept). */
    List<ElfSymbol> functionSymbols() throws ElfException {
        return definedSymbols(kind -> kind == STT_FUNC || kind == STT_GNU_IFUNC);
    }

    /** Defined OBJECT (data) symbols of every symbol table, in file order (duplicates kept). */
    List<ElfSymbol> objectSymbols() throws ElfException {
        return definedSymbols(kind -> kind == STT_OBJECT);
    }

    private List<ElfSymbol> definedSymbols(java.util.function.IntPredicate kinds) throws ElfException {
        List<ElfSymbol> out = new ArrayList<>();
        Memory shdr = new Memory(SHDR_SIZE);
        Memory sym = new Memory(SYM_SIZE);
        for (Pointer scn = LibElf.elf_nextscn(elf, null); scn != null; scn = LibElf.elf_nextscn(elf, scn)) {
            if (LibElf.gelf_getshdr(scn, shdr) == null) throw failure("reading a section header");
            int type = shdr.getInt(SH_TYPE);
            long entSize = shdr.getLong(SH_ENTSIZE);
            if ((type != SHT_SYMTAB && type != SHT_DYNSYM) || entSize == 0) continue;
            Pointer data = LibElf.elf_getdata(scn, null);
            if (data == null) continue; // a table without data (stripped into a debug file) has nothing to offer
            long strtab = shdr.getInt(SH_LINK) & 0xffffffffL;
            long count = shdr.getLong(SH_SIZE) / entSize;
            for (int i = 1; i < count; i++) { // entry 0 is always the null symbol
                if (LibElf.gelf_getsym(data, i, sym) == null) break;
                int kind = sym.getByte(ST_INFO) & 0xf;
                long value = sym.getLong(ST_VALUE);
                if (!kinds.test(kind) || sym.getShort(ST_SHNDX) == 0 || value == 0) continue;
                Pointer name = LibElf.elf_strptr(elf, strtab, sym.getInt(ST_NAME) & 0xffffffffL);
                if (name == null) continue;
                String text = name.getString(0, "UTF-8");
                if (!text.isEmpty()) out.add(new ElfSymbol(text, value, sym.getLong(ST_SIZE)));
            }
        }
        return out;
    }

    /** A section header with its name. */
    record Section(String name, int type, long address, long offset, long size) {}

    List<Section> sections() throws ElfException {
        long[] names = new long[1];
        if (LibElf.elf_getshdrstrndx(elf, names) != 0) throw failure("finding section names");
        Memory shdr = new Memory(SHDR_SIZE);
        List<Section> out = new ArrayList<>();
        for (Pointer scn = LibElf.elf_nextscn(elf, null); scn != null; scn = LibElf.elf_nextscn(elf, scn)) {
            if (LibElf.gelf_getshdr(scn, shdr) == null) throw failure("reading a section header");
            Pointer name = LibElf.elf_strptr(elf, names[0], shdr.getInt(SH_NAME) & 0xffffffffL);
            out.add(new Section(name == null ? "" : name.getString(0, "UTF-8"), shdr.getInt(SH_TYPE),
                    shdr.getLong(SH_ADDR), shdr.getLong(SH_OFFSET), shdr.getLong(SH_SIZE)));
        }
        return out;
    }

    /** The bytes of the first section called {@code name} (in host byte order, as libelf converts them), if any. */
    Optional<byte[]> sectionData(String name) throws ElfException {
        long[] names = new long[1];
        if (LibElf.elf_getshdrstrndx(elf, names) != 0) throw failure("finding section names");
        Memory shdr = new Memory(SHDR_SIZE);
        for (Pointer scn = LibElf.elf_nextscn(elf, null); scn != null; scn = LibElf.elf_nextscn(elf, scn)) {
            if (LibElf.gelf_getshdr(scn, shdr) == null) throw failure("reading a section header");
            Pointer n = LibElf.elf_strptr(elf, names[0], shdr.getInt(SH_NAME) & 0xffffffffL);
            if (n == null || !n.getString(0, "UTF-8").equals(name)) continue;
            Pointer data = LibElf.elf_getdata(scn, null);
            if (data == null) return Optional.of(new byte[0]);
            long size = data.getLong(D_SIZE);
            Pointer buf = data.getPointer(D_BUF);
            return Optional.of(buf == null || size == 0 ? new byte[0] : buf.getByteArray(0, Math.toIntExact(size)));
        }
        return Optional.empty();
    }

    private ElfException failure(String what) {
        return new ElfException(file + ": " + what + ": " + LibElf.lastError());
    }

    @Override
    public void close() {
        LibElf.elf_end(elf);
        try {
            Posix.close(fd);
        } catch (LastErrorException ignored) {
            // the descriptor is released even when close reports an error
        }
    }
}
