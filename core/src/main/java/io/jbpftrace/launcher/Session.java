package io.jbpftrace.launcher;

import io.jbpftrace.btf.TaskComm;
import io.jbpftrace.flamegraph.FlameGraphExport;
import io.jbpftrace.kernel.LinuxKernel;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.registry.BackgroundProviderSource;
import io.jbpftrace.registry.FelixProviderSource;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.registry.ProviderSource;
import io.jbpftrace.registry.ServiceLoaderProviderSource;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.runtime.JsonSink;
import io.jbpftrace.runtime.OutputSink;
import io.jbpftrace.runtime.TextSink;
import io.jbpftrace.runtime.Tracer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** One run of the command: providers up, compile, trace until told to stop, print, tear down. */
final class Session {
    /** Ctrl-C ends the run within a second even when the ring is full and printing is slow. */
    private static final java.time.Duration FINAL_DRAIN_AFTER_SIGNAL = java.time.Duration.ofMillis(200);
    private final Options options;

    Session(Options options) { this.options = options; }

    int run() throws Exception {
        String script = options.program != null ? options.program : options.scriptFile != null ? readScript(options.scriptFile) : null;
        // A BEGIN/END-only script never starts the framework (CPU time), others start it while parsing (wall time).
        boolean eager = options.version || options.verbose || options.list || ProviderNeed.mayNeedProviders(script);
        if (script != null && script.contains("comm")) TaskComm.findInBackground(); // comm reads task_struct by BTF
        // only the bundles of the probe types the script seems to name start at first; -l, -v and
        // --version show every provider
        Set<String> wanted = options.version || options.verbose || options.list || script == null ? null
                : ProviderNeed.wordsBeforeColons(script);
        try (ProviderSource source = eager ? BackgroundProviderSource.start(() -> providerSource(wanted))
                : BackgroundProviderSource.onDemand(() -> providerSource(wanted))) {
            if (options.version) return version(source);
            boolean listing = options.list && options.program == null && options.scriptFile == null;
            if (options.verbose && !listing) verbose(source);
            Privileges.require();
            ProviderRegistry registry = new ProviderRegistry(List.of(new BeginEndProvider()), source::providers, source::startHeldBack);
            LinuxKernel kernel = new LinuxKernel(options.pid);
            if (listing) {
                return new ProbeLister(registry, kernel).list(options.listPattern, options.verbose, System.out);
            }
            return trace(registry, kernel, script);
        }
    }

    private ProviderSource providerSource(Set<String> wantedTypes) throws Exception {
        String home = System.getProperty("jbpftrace.home");
        if (home != null && Files.isDirectory(Path.of(home, "bundle"))) return FelixProviderSource.start(Path.of(home, "bundle"), wantedTypes);
        return new ServiceLoaderProviderSource();
    }

    /** -v: which providers were loaded, and which bundles could not be. */
    private static void verbose(ProviderSource source) {
        for (String p : source.describe()) System.err.println("provider " + p);
        for (String p : source.problems()) System.err.println("WARNING: " + p);
    }

    private int version(ProviderSource source) {
        System.out.println("jbpftrace v" + Version.get());
        for (String p : source.describe()) System.out.println("  provider " + p);
        return 0;
    }

    private int trace(ProviderRegistry registry, LinuxKernel kernel, String source) throws Exception {
        String name = options.program != null ? "stdin" : options.scriptFile;
        ChildCommand command = options.command == null ? null : ChildCommand.parse(options.command, System.getenv("PATH"));
        Compiler.Result compiled = new Compiler(registry, kernel).allowUnsafe(options.unsafe).checkHelpers(options.helperChecks).compile(name, source, options.params);
        for (var w : compiled.warnings()) System.err.println(w.format("WARNING"));
        if (options.debug) System.err.print(InstructionDump.of(compiled));
        OutputFailure failure = outputStream();
        try (PrintStream out = new PrintStream(new java.io.BufferedOutputStream(failure, 1 << 16), false, StandardCharsets.UTF_8);
             Tracer tracer = new Tracer(compiled, kernel, output(out))) {
            Stopper stopper = Stopper.onSignals();
            try {
                tracer.load();
            } catch (io.jbpftrace.kernel.VerifierException e) {
                throw new ProbeRejected(compiled.context(), tracer.lastLoaded(), e);
            }
            tracer.attach();
            if (!options.quiet) tracer.announce(tracer.probeCount()); // once attached, so a waiting workload may start
            tracer.stopWhen(() -> stopper.stopped() || failure.failed());
            tracer.begin();
            Process child = command == null ? null : command.start();
            if (!tracer.exitRequested() && !failure.failed()) {
                tracer.run(() -> stopper.stopped() || failure.failed() || child != null && !child.isAlive());
            }
            if (stopper.stopped()) tracer.limitFinalDrain(FINAL_DRAIN_AFTER_SIGNAL);
            if (!failure.failed()) tracer.end(); // a reader that left ends the run at once, as SIGPIPE ends bpftrace
            if (options.helperChecks == 0) warnAboutFullMaps(tracer);
            if (options.flamegraph != null || options.folded != null) writeFlameGraphs(tracer);
            if (child != null && child.isAlive()) child.destroy();
            out.flush();
            return outputStatus(failure);
        }
    }

    /**
     * Without -k bpftrace 0.17 drops keys past the limit silently; a map that was full when read is
     * said here (stderr), as its totals may miss keys.
     */
    private static void warnAboutFullMaps(Tracer tracer) {
        for (String map : tracer.fullMaps()) {
            System.err.println("WARNING: map " + map + " reached its limit of " + tracer.maxMapKeys() + " keys;"
                    + " updates adding new keys were dropped (raise BPFTRACE_MAP_KEYS_MAX or config max_map_keys;"
                    + " -k reports each)");
        }
    }

    /** 0, or what a failed output means: quietly 141 for a closed pipe, else one error. */
    private static int outputStatus(OutputFailure failure) {
        if (!failure.failed()) return 0;
        if (failure.brokenPipe()) return OutputFailure.BROKEN_PIPE_STATUS;
        System.err.println("ERROR: writing the output failed: " + failure.message());
        return 1;
    }

    /** --flamegraph/--folded: after the maps were printed, so stdout is what it would be without them. */
    private void writeFlameGraphs(Tracer tracer) throws Exception {
        FlameGraphExport.write(tracer.readMapsKeepingStacks(), options.flamegraph == null ? null : Path.of(options.flamegraph),
                options.folded == null ? null : Path.of(options.folded), System.err);
    }

    private static String readScript(String file) throws IOException {
        if (file.equals("-")) return io.jbpftrace.lang.ScriptText.decode(System.in.readAllBytes());
        try {
            return io.jbpftrace.lang.ScriptText.decode(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new IOException("failed to read script file '" + file + "': " + e.getMessage(), e);
        }
    }

    private OutputFailure outputStream() throws IOException {
        return new OutputFailure(options.outputFile == null ? new FileOutputStream(java.io.FileDescriptor.out)
                : new FileOutputStream(options.outputFile));
    }

    private OutputSink output(PrintStream out) {
        boolean flushEach = !options.buffering.equals("full");
        return options.format.equals("json") ? new JsonSink(out, flushEach) : new TextSink(out, flushEach);
    }

}
