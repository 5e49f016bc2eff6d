package io.jbpftrace.elf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The function symbols and load segments of one ELF file, read once through libelf and then kept
 * in Java: immutable and safe to cache. Where a probe goes is a file offset, so symbol addresses are
 * translated through the PT_LOAD segment holding them; that works alike for fixed-address
 * executables, PIE executables and shared libraries.
 */
public final class ElfSymbols {
    private final Path file;
    private final boolean positionIndependent;
    private final List<LoadSegment> segments;
    private final Map<String, ElfSymbol> byName;
    private final List<ElfSymbol> byAddress;
    private final Map<String, ElfSymbol> objects = new LinkedHashMap<>();

    private ElfSymbols(Path file, boolean positionIndependent, List<LoadSegment> segments, List<ElfSymbol> symbols, List<ElfSymbol> objects) {
        this.file = file;
        this.positionIndependent = positionIndependent;
        this.segments = List.copyOf(segments);
        Map<String, ElfSymbol> names = new LinkedHashMap<>();
        for (ElfSymbol s : symbols) names.putIfAbsent(s.name(), s); // .dynsym and .symtab repeat exported functions
        this.byName = names;
        List<ElfSymbol> sorted = new ArrayList<>(names.values());
        sorted.sort(Comparator.comparingLong(ElfSymbol::address));
        this.byAddress = List.copyOf(sorted);
        for (ElfSymbol s : objects) this.objects.putIfAbsent(s.name(), s);
    }

    /** Reads {@code file}; fails when it is not a readable ELF file. */
    public static ElfSymbols read(Path file) throws ElfException {
        try (ElfReader reader = ElfReader.open(file)) {
            int type = reader.fileType();
            if (type != ElfReader.ET_EXEC && type != ElfReader.ET_DYN) {
                throw new ElfException(file + ": not an executable or shared library (ELF type " + type + ")");
            }
            return new ElfSymbols(file, type == ElfReader.ET_DYN, reader.loadSegments(), reader.functionSymbols(), reader.objectSymbols());
        }
    }

    public Path file() { return file; }

    /** True for PIE executables and shared libraries (ET_DYN), whose addresses are relative to a load base. */
    public boolean positionIndependent() { return positionIndependent; }

    public List<LoadSegment> segments() { return segments; }

    /** Every function, one per name, sorted by name. */
    public List<ElfSymbol> functions() {
        return byName.values().stream().sorted(Comparator.comparing(ElfSymbol::name)).toList();
    }

    /** Functions whose name passes {@code filter}, sorted by name. */
    public List<ElfSymbol> functions(Predicate<String> filter) {
        return functions().stream().filter(s -> filter.test(s.name())).toList();
    }

    public Optional<ElfSymbol> function(String name) { return Optional.ofNullable(byName.get(name)); }

    /** A function or data object by name, for uaddr(). */
    public Optional<ElfSymbol> symbol(String name) {
        return function(name).or(() -> Optional.ofNullable(objects.get(name)));
    }

    /** The function whose code holds {@code address}, if any. */
    public Optional<ElfSymbol> functionAt(long address) {
        ElfSymbol best = null;
        for (ElfSymbol s : byAddress) {
            if (Long.compareUnsigned(s.address(), address) > 0) break;
            if (s.contains(address)) best = s;
        }
        return Optional.ofNullable(best);
    }

    /** The file offset of a virtual address, through the PT_LOAD segment that maps it. */
    public OptionalLong fileOffset(long address) {
        for (LoadSegment segment : segments) {
            if (segment.containsAddress(address)) return OptionalLong.of(segment.fileOffsetOf(address));
        }
        return OptionalLong.empty();
    }

    /** The link-time address of a file offset: the inverse of {@link #fileOffset}. */
    public OptionalLong address(long fileOffset) {
        for (LoadSegment segment : segments) {
            if (segment.containsOffset(fileOffset)) return OptionalLong.of(segment.addressOf(fileOffset));
        }
        return OptionalLong.empty();
    }
}
