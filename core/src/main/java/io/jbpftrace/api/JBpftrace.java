package io.jbpftrace.api;

import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.kernel.LinuxKernel;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.registry.ProviderSource;
import io.jbpftrace.registry.ServiceLoaderProviderSource;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.runtime.Tracer;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Entry point for embedding: holds the probe providers and starts {@link Trace}s. Needs root (or
 * CAP_BPF + CAP_PERFMON), like the CLI.
 *
 * <pre>{@code
 * try (JBpftrace jb = JBpftrace.builder().onPrintf(System.out::print).build();
 *      Trace t = jb.start("tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }")) {
 *     Thread.sleep(1000);
 *     t.map("@").forEach(e -> System.out.println(e.key() + " " + e.value()));
 * }
 * }</pre>
 */
public final class JBpftrace implements AutoCloseable {
    private final ProviderSource source;
    private final Consumer<String> printf;
    private final BiConsumer<String, List<MapEntry>> print;
    private final OptionalInt targetPid;

    private JBpftrace(Builder b) {
        this.source = b.source != null ? b.source : new ServiceLoaderProviderSource(JBpftrace.class.getClassLoader());
        this.printf = b.printf;
        this.print = b.print;
        this.targetPid = b.targetPid;
    }

    public static Builder builder() { return new Builder(); }

    /** Compiles, loads and attaches the script, runs BEGIN, and starts polling its output. */
    public Trace start(String script, String... params) throws TraceException {
        List<ProbeProvider> providers = new ArrayList<>();
        providers.add(new BeginEndProvider());
        providers.addAll(source.providers());
        ProviderRegistry registry = new ProviderRegistry(providers);
        LinuxKernel kernel = new LinuxKernel(targetPid);
        Compiler.Result compiled;
        try {
            compiled = new Compiler(registry, kernel).compile("script", script, List.of(params));
        } catch (CompileError e) {
            throw new TraceException(e.format(), e);
        }
        CallbackSink sink = new CallbackSink(printf, print);
        Tracer tracer = new Tracer(compiled, kernel, sink);
        try {
            tracer.load();
            tracer.attach();
            tracer.begin();
            return new Trace(tracer, sink, source, tracer.probeCount());
        } catch (KernelException | ProbeException | RuntimeException e) {
            tracer.close();
            throw new TraceException(e.getMessage(), e);
        }
    }

    /** The providers in use, one line each ({@code tracepoint 0.1.0 (io.jbpftrace.provider.tracepoint)}). */
    public List<String> providers() { return source.describe(); }

    /** Closes the provider source (and with it, for an OSGi source, its services). */
    @Override
    public void close() { source.close(); }

    public static final class Builder {
        private ProviderSource source;
        private Consumer<String> printf = s -> { };
        private BiConsumer<String, List<MapEntry>> print = (n, e) -> { };
        private OptionalInt targetPid = OptionalInt.empty();

        private Builder() {}

        /** Where providers come from; default: ServiceLoader over the provider jars on the classpath. */
        public Builder providers(ProviderSource source) {
            this.source = Objects.requireNonNull(source);
            return this;
        }

        /** A fixed set of providers, e.g. services taken from an OSGi framework of one's own. */
        public Builder providers(List<? extends ProbeProvider> providers) {
            List<ProbeProvider> fixed = List.copyOf(providers);
            return providers(new ProviderSource() {
                @Override public List<ProbeProvider> providers() { return fixed; }

                @Override public List<String> describe() {
                    return fixed.stream().map(p -> p.probeTypes().get(0) + " (" + p.getClass().getName() + ")").toList();
                }

                @Override public void close() {}
            });
        }

        /** Formatted printf() output, exactly the text the CLI would print. */
        public Builder onPrintf(Consumer<String> callback) {
            this.printf = Objects.requireNonNull(callback);
            return this;
        }

        /** print(@map) while tracing: the map's name and entries. */
        public Builder onPrint(BiConsumer<String, List<MapEntry>> callback) {
            this.print = Objects.requireNonNull(callback);
            return this;
        }

        /** The pid the CLI's -p would give (uprobe/usdt providers narrow to it). */
        public Builder targetPid(int pid) {
            this.targetPid = OptionalInt.of(pid);
            return this;
        }

        public JBpftrace build() { return new JBpftrace(this); }
    }
}
