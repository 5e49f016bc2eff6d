package io.jbpftrace.provider.uprobe;

import io.jbpftrace.elf.ElfException;
import io.jbpftrace.elf.ElfSymbol;
import io.jbpftrace.elf.ElfSymbolCache;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.MissingTargetException;
import io.jbpftrace.spi.ProbeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a function part into file offsets of one binary, through {@link ElfSymbolCache} (a script
 * probing libc:malloc and libc:free reads libc once; a changed file is read again).
 */
final class SymbolResolver {
    /** @param shown the binary as it appears in probe names and errors */
    List<UprobeTarget> resolve(Path binary, String shown, FunctionSpec spec) throws ProbeException {
        ElfSymbols elf = symbols(binary);
        if (spec instanceof FunctionSpec.Address a) {
            String text = a.text();
            ElfSymbol holder = elf.functionAt(a.address())
                    .orElseThrow(() -> new ProbeException("Could not resolve address: " + shown + ":" + text));
            return List.of(new UprobeTarget(binary, text, offset(elf, a.address(), shown, text), holder.name()));
        }
        if (spec instanceof FunctionSpec.Symbol s) {
            ElfSymbol f = elf.function(s.name())
                    .orElseThrow(() -> new MissingTargetException("Could not resolve symbol: " + shown + ":" + s.name()));
            if (s.offset() != 0 && f.size() != 0 && Long.compareUnsigned(s.offset(), f.size()) >= 0) {
                throw new ProbeException("Offset outside the function bounds ('" + f.name() + "' size is " + f.size() + ")");
            }
            String text = s.text();
            return List.of(new UprobeTarget(binary, text, offset(elf, f.address() + s.offset(), shown, text), f.name()));
        }
        String glob = spec.text();
        List<UprobeTarget> out = new ArrayList<>();
        for (ElfSymbol f : elf.functions(Glob.of(glob)::matches)) {
            out.add(new UprobeTarget(binary, f.name(), offset(elf, f.address(), shown, f.name()), f.name()));
        }
        if (out.isEmpty()) throw new MissingTargetException("Could not resolve symbol: " + shown + ":" + glob);
        return out;
    }

    /** Every function name of the binary, sorted and unique (for -l). */
    List<String> functionNames(Path binary) throws ProbeException {
        return symbols(binary).functions().stream().map(ElfSymbol::name).toList();
    }

    private static long offset(ElfSymbols elf, long address, String shown, String what) throws ProbeException {
        return elf.fileOffset(address).orElseThrow(() ->
                new ProbeException("Could not resolve symbol: " + shown + ":" + what + " (not in a loadable segment)"));
    }

    ElfSymbols symbols(Path binary) throws ProbeException {
        try {
            return ElfSymbolCache.symbols(binary);
        } catch (IOException | ElfException e) {
            throw new ProbeException(e.getMessage());
        }
    }
}
