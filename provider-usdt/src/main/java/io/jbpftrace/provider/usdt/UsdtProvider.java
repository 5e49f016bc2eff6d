package io.jbpftrace.provider.usdt;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.elf.BinaryLocator;
import io.jbpftrace.elf.ElfException;
import io.jbpftrace.elf.ElfSymbolCache;
import io.jbpftrace.elf.ElfSymbols;
import io.jbpftrace.elf.ProcessMaps;
import io.jbpftrace.elf.StapsdtNote;
import io.jbpftrace.elf.StapsdtNotes;
import io.jbpftrace.spi.AttachPoint;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Glob;
import io.jbpftrace.spi.PathGlob;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.spi.SymbolAddress;
import io.jbpftrace.types.Type;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statically defined user-space probes (SystemTap SDT notes): {@code usdt:/path:provider:probe},
 * {@code usdt:/path:probe} (any provider), wildcards in provider and probe, and with {@code -p PID}
 * a wildcard path ({@code usdt:*:myprov:*}) over the process's program and shared libraries; without
 * -p an absolute path with wildcards ({@code usdt:/usr/lib/jvm/*}{@code /lib/server/libjvm.so:hotspot:*}) over the files it matches.
 * Each probe site is a uprobe on the note's nop; semaphores are left to the kernel (ref_ctr_offset).
 */
public class UsdtProvider implements ProbeProvider {
    private static final Pattern ARG = Pattern.compile("arg(\\d+)");

    /** A probe split into file, provider and name parts (globs). */
    private record Spec(String file, String provider, String name) {
        static Spec of(AttachPoint ap) throws ProbeException {
            return switch (ap.parts().size()) {
                case 2 -> new Spec(ap.part(0), "*", ap.part(1));
                case 3 -> new Spec(ap.part(0), ap.part(1), ap.part(2));
                default -> throw new ProbeException("usdt probe type requires 2 or 3 arguments");
            };
        }

        boolean matches(StapsdtNote note) {
            return Glob.of(provider).matches(note.provider()) && Glob.of(name).matches(note.name());
        }
    }

    /** A file to look in, and how it is named in probe names. */
    private record Module(Path file, String shown) {}

    private final BinaryLocator locator;
    private final NoteCache notes = new NoteCache();

    public UsdtProvider() { this(new BinaryLocator()); }

    UsdtProvider(BinaryLocator locator) { this.locator = locator; }

    @Override
    public List<String> probeTypes() { return List.of("usdt", "U"); }

    @Override
    public List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException {
        Spec spec = Spec.of(probe);
        List<ProbeTarget> out = new ArrayList<>();
        for (Module module : modules(spec.file(), kernel, true)) {
            StapsdtNotes file = notes.notes(module.file());
            for (StapsdtNote note : file.notes()) {
                if (!spec.matches(note)) continue;
                String where = module.shown() + ":" + note.provider() + ":" + note.name();
                long offset = file.fileOffset(note).orElseThrow(() ->
                        new ProbeException("usdt probe " + where + " is not in a loadable segment"));
                long refCtr = file.semaphoreFileOffset(note).orElse(0);
                if (note.hasSemaphore() && refCtr == 0) {
                    throw new ProbeException("usdt probe " + where + ": its semaphore is not backed by the file");
                }
                out.add(new ProbeTarget("usdt:" + where, new UsdtTarget(module.file(), note, offset, refCtr)));
            }
        }
        if (out.isEmpty()) throw new ProbeException("Could not find usdt probe: " + probe.raw());
        return out;
    }

    /** {@code -l usdt:/path}, {@code -l 'usdt:/path:myprov:*'}, and with -p {@code -l 'usdt:*'}. */
    @Override
    public List<String> list(String pattern, Kernel kernel) throws ProbeException {
        AttachPoint ap = AttachPoint.parse(pattern);
        Spec spec = ap.parts().size() <= 1 ? new Spec(ap.part(0), "*", "*") : Spec.of(ap);
        List<String> out = new ArrayList<>();
        for (Module module : modules(spec.file(), kernel, false)) {
            for (StapsdtNote note : notes.notes(module.file()).notes()) {
                String name = "usdt:" + module.shown() + ":" + note.provider() + ":" + note.name();
                if (spec.matches(note) && !out.contains(name)) out.add(name);
            }
        }
        return out;
    }

    /**
     * The files a probe's path part names: one located file, or with a wildcard (or no path) the
     * target process's program and libraries that match it. Listing quietly finds none without -p.
     */
    private List<Module> modules(String file, Kernel kernel, boolean required) throws ProbeException {
        if (!file.isEmpty() && !Glob.hasWildcard(file)) {
            Path binary = locator.locate(file).orElseThrow(() ->
                    new ProbeException("usdt target file '" + file + "' does not exist or is not executable"));
            return List.of(new Module(binary, file.startsWith("/") ? file : binary.toString()));
        }
        OptionalInt pid = kernel.targetPid();
        if (pid.isEmpty() && file.startsWith("/")) return filesMatching(file, required);
        if (pid.isEmpty()) {
            if (required) throw new ProbeException("usdt probe without a file path needs a process (-p PID or -c CMD)");
            return List.of();
        }
        Glob glob = Glob.of(file.isEmpty() ? "*" : file);
        List<Module> out = new ArrayList<>();
        try {
            for (String path : ProcessMaps.of(pid.getAsInt()).executableFiles()) {
                if (glob.matches(path)) out.add(new Module(Path.of(path), path));
            }
        } catch (IOException e) {
            throw new ProbeException("cannot read the mappings of pid " + pid.getAsInt() + ": " + e.getMessage());
        }
        return out;
    }

    /** Without a process, an absolute path with wildcards names the files it matches (as bpftrace globs them). */
    private List<Module> filesMatching(String pattern, boolean required) throws ProbeException {
        List<Module> out = new ArrayList<>();
        for (Path p : PathGlob.files(pattern)) {
            locator.locate(p.toString()).ifPresent(binary -> out.add(new Module(binary, p.toString())));
        }
        if (out.isEmpty() && required) throw new ProbeException("usdt target files '" + pattern + "': no ELF file matches");
        return out;
    }

    @Override
    public ProgType programType(ProbeTarget target) { return ProgType.KPROBE; }

    @Override
    public Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException {
        Matcher arg = ARG.matcher(name);
        if (!arg.matches()) return Optional.empty();
        UsdtTarget t = target.data(UsdtTarget.class);
        if (!X86Registers.supported()) {
            throw new ProbeException("usdt arguments are decoded for x86_64 only, not " + System.getProperty("os.arch"));
        }
        List<UsdtArgument> args = UsdtArgument.parseAll(t.note().arguments());
        int index = Integer.parseInt(arg.group(1));
        if (index >= args.size()) {
            throw new ProbeException("couldn't get argument " + index + " for " + t.binary() + ":"
                    + t.note().provider() + ":" + t.note().name());
        }
        return Optional.of(new Builtin(Type.Int.U64, args.get(index)::emit));
    }

    /** The probe site is the note's nop, so its run-time address locates a PIE binary's symbols. */
    @Override
    public Optional<Builtin> symbolAddress(String symbol, ProbeTarget target) throws ProbeException {
        UsdtTarget t = target.data(UsdtTarget.class);
        try {
            ElfSymbols elf = ElfSymbolCache.symbols(t.binary());
            return Optional.of(SymbolAddress.of(elf, t.binary().toString(), symbol, elf.address(t.offset())));
        } catch (IOException | ElfException e) {
            throw new ProbeException(e.getMessage());
        }
    }

    @Override
    public Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException {
        UsdtTarget t = target.data(UsdtTarget.class);
        return kernel.attachUprobe(t.binary(), t.offset(), false, kernel.targetPid().orElse(-1), programFd, t.refCtrOffset());
    }
}
