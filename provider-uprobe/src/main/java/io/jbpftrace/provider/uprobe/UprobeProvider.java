package io.jbpftrace.provider.uprobe;

import io.jbpftrace.spi.PtRegs;
import io.jbpftrace.spi.RegisterBuiltins;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.elf.BinaryLocator;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.spi.SymbolAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * User-space function probes: {@code uprobe:/path/bin:func}, {@code uprobe:libc:malloc},
 * {@code uprobe:/bin/bash:read*}, {@code uprobe:/path:func+0x10}, {@code uprobe:/path:0x1139}.
 * The program runs at the function's first instruction; {@link UretprobeProvider} runs it on return.
 */
public class UprobeProvider implements ProbeProvider {
    private final List<String> types;
    private final boolean retprobe;
    private final BinaryLocator locator;
    private final SymbolResolver symbols = new SymbolResolver();
    private final RegisterBuiltins registers = new RegisterBuiltins(PtRegs.current(), true);

    public UprobeProvider() { this(List.of("uprobe", "u"), false, new BinaryLocator()); }

    UprobeProvider(List<String> types, boolean retprobe, BinaryLocator locator) {
        this.types = types;
        this.retprobe = retprobe;
        this.locator = locator;
    }

    @Override
    public List<String> probeTypes() { return types; }

    private String type() { return types.get(0); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        if (probe.parts().size() != 2) throw new ProbeException(type() + " probe type requires 2 arguments");
        FunctionSpec function = FunctionSpec.parse(probe.part(1));
        // A return probe hooks the return address at entry; mid-function it would catch a caller's return.
        if (retprobe && function instanceof FunctionSpec.Symbol s && s.offset() != 0) throw new ProbeException("Offset not allowed");
        String file = probe.part(0);
        Path binary = locate(file);
        String shown = shownName(file, binary);
        List<ProbeTarget> out = new ArrayList<>();
        for (UprobeTarget t : symbols.resolve(binary, shown, function)) {
            out.add(new ProbeTarget(type() + ":" + shown + ":" + t.function(), t));
        }
        return out;
    }

    /** Names of a binary's functions for {@code -l 'uprobe:/bin/bash:read*'}; none without a binary. */
    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        AttachPoint ap = AttachPoint.parse(pattern);
        String file = ap.part(0);
        if (ap.parts().size() > 2 || file.isEmpty() || Glob.hasWildcard(file)) return List.of();
        Path binary = locate(file);
        String prefix = type() + ":" + shownName(file, binary) + ":";
        // The file part has no wildcard, so only function names are matched (a library name like
        // libc is shown resolved, and the alias u: lists as uprobe:).
        Glob glob = Glob.of(ap.parts().size() == 1 ? "*" : ap.part(1));
        return symbols.functionNames(binary).stream().filter(glob::matches).map(name -> prefix + name).toList();
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.KPROBE; }

    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        if (name.equals("func")) return Optional.of(Builtin.constant(target.data(UprobeTarget.class).symbol()));
        return registers.builtin(name, retprobe);
    }

    /** A return probe fires in the caller, so only an entry probe knows where a PIE binary was loaded. */
    @Override
    public Optional<Builtin> symbolAddress(String symbol, ProbeTarget target) throws ProbeException {
        UprobeTarget t = target.data(UprobeTarget.class);
        ElfSymbols elf = symbols.symbols(t.binary());
        OptionalLong probed = retprobe ? OptionalLong.empty() : elf.address(t.offset());
        return Optional.of(SymbolAddress.of(elf, t.binary().toString(), symbol, probed));
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        UprobeTarget t = target.data(UprobeTarget.class);
        return kernel.attachUprobe(t.binary(), t.offset(), retprobe, kernel.targetPid().orElse(-1), programFd);
    }

    private Path locate(String file) throws ProbeException {
        return locator.locate(file).orElseThrow(() ->
                new ProbeException("uprobe target file '" + file + "' does not exist or is not executable"));
    }

    /** Absolute paths stay as written (/bin/bash), as bpftrace shows them; names and relative paths resolve. */
    private static String shownName(String file, Path binary) {
        return file.startsWith("/") ? file : binary.toString();
    }
}
