package io.jbpftrace.symbols;

import io.jbpftrace.elf.ElfException;
import io.jbpftrace.elf.ElfSymbol;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.elf.LoadSegment;
import io.jbpftrace.elf.ProcessMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Names user-space addresses of a process: the ELF function holding the address in the file mapped
 * there (programs, PIE, shared libraries), else a JIT method from /tmp/perf-PID.map, else the hex
 * address. A process's mappings are kept from the first time it is seen, so stacks collected before
 * it exited still resolve; they are read again only when an address falls outside all of them (the
 * process may have loaded a library since). ELF files are read once per path.
 */
public final class UserSymbols {
    private static final UserSymbols SHARED = new UserSymbols(UserSymbols::readMaps, PerfMap::pathFor);

    private final IntFunction<Optional<ProcessMaps>> mapsReader;
    private final IntFunction<Path> perfMapPath;
    private final Map<Integer, ProcessMaps> maps = new ConcurrentHashMap<>();
    private final Map<Integer, CachedPerfMap> perfMaps = new ConcurrentHashMap<>();
    private final Map<String, Optional<ElfSymbols>> files = new ConcurrentHashMap<>();

    private record CachedPerfMap(FileTime modified, PerfMap map) {}

    UserSymbols(IntFunction<Optional<ProcessMaps>> mapsReader, IntFunction<Path> perfMapPath) {
        this.mapsReader = mapsReader;
        this.perfMapPath = perfMapPath;
    }

    /** The resolver the runtime shares, so every stack of a run uses the same caches. */
    public static UserSymbols get() { return SHARED; }

    /** {@code function+offset} (decimal offset, as bpftrace prints ustack), {@code function}, or {@code 0x...}. */
    public String resolve(int pid, long address, boolean withOffset) {
        Optional<String> named = inFile(pid, address, withOffset).or(() -> inPerfMap(pid, address, withOffset));
        return named.orElseGet(() -> KernelSymbols.unresolved(address));
    }

    private Optional<String> inFile(int pid, long address, boolean withOffset) {
        Optional<ProcessMaps.Mapping> mapping = maps(pid, false).find(address);
        if (mapping.isEmpty()) mapping = maps(pid, true).find(address);
        return mapping.flatMap(m -> {
            Optional<ElfSymbols> elf = files.computeIfAbsent(m.path(), UserSymbols::readElf);
            if (elf.isEmpty()) return Optional.empty();
            OptionalLong vaddr = virtualAddress(elf.get().segments(), m.fileOffsetOf(address));
            if (vaddr.isEmpty()) return Optional.empty();
            return elf.get().functionAt(vaddr.getAsLong()).map(f -> name(f, vaddr.getAsLong(), withOffset));
        });
    }

    private static String name(ElfSymbol f, long vaddr, boolean withOffset) {
        return withOffset ? f.name() + "+" + (vaddr - f.address()) : f.name();
    }

    /** The link-time address loaded from {@code fileOffset}, through the PT_LOAD segment that covers it. */
    static OptionalLong virtualAddress(List<LoadSegment> segments, long fileOffset) {
        for (LoadSegment s : segments) {
            if (Long.compareUnsigned(fileOffset - s.fileOffset(), s.fileSize()) < 0) {
                return OptionalLong.of(fileOffset - s.fileOffset() + s.vaddr());
            }
        }
        return OptionalLong.empty();
    }

    private Optional<String> inPerfMap(int pid, long address, boolean withOffset) {
        Path file = perfMapPath.apply(pid);
        CachedPerfMap cached = perfMaps.get(pid);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (cached == null || !cached.modified().equals(modified)) {
                cached = new CachedPerfMap(modified, PerfMap.read(file));
                perfMaps.put(pid, cached);
            }
        } catch (IOException e) {
            // no map (or the process's map was removed): keep what was read before, if anything
        }
        if (cached == null) return Optional.empty();
        return cached.map().find(address)
                .map(e -> withOffset ? e.name() + "+" + (address - e.start()) : e.name());
    }

    /** The cached mappings of {@code pid}; {@code refresh} reads them again while the process lives. */
    private ProcessMaps maps(int pid, boolean refresh) {
        ProcessMaps known = maps.get(pid);
        if (known != null && !refresh) return known;
        Optional<ProcessMaps> read = mapsReader.apply(pid);
        if (read.isPresent()) {
            maps.put(pid, read.get());
            return read.get();
        }
        if (known != null) return known; // the process exited: its last known mappings still hold
        ProcessMaps none = ProcessMaps.parse(List.of());
        maps.put(pid, none);
        return none;
    }

    private static Optional<ProcessMaps> readMaps(int pid) {
        try {
            return Optional.of(ProcessMaps.of(pid));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<ElfSymbols> readElf(String path) {
        try {
            return Optional.of(ElfSymbols.read(Path.of(path)));
        } catch (ElfException e) {
            return Optional.empty(); // not ELF or unreadable: its addresses print as hex
        }
    }
}
