package io.jbpftrace.passes;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.DeepStack;
import io.jbpftrace.codegen.GeneratedProgram;
import io.jbpftrace.codegen.OutputTable;
import io.jbpftrace.codegen.ProgramGen;
import io.jbpftrace.lang.ScriptParser;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline, in order: parse → expand probes (providers) → semantic analysis → code generation.
 * Each pass consumes only the previous pass's result.
 */
public final class Compiler {
    /** BPF_COMPLEXITY_LIMIT_INSNS: the most instructions the kernel loads in one program (privileged). */
    static final int MAX_INSNS = 1_000_000;
    private final ProviderRegistry registry;
    private final Kernel kernel;
    private boolean unsafe;
    private java.util.Map<String, String> environment = System.getenv();
    private int helperChecks;

    public Compiler(ProviderRegistry registry, Kernel kernel) {
        this.registry = registry;
        this.kernel = kernel;
    }

    /** Allows system(), signal() and other functions bpftrace only runs with --unsafe. */
    public Compiler allowUnsafe(boolean allow) {
        this.unsafe = allow;
        return this;
    }

    /** Where BPFTRACE_* config variables are read from (the process environment by default). */
    public Compiler environment(java.util.Map<String, String> env) {
        this.environment = env;
        return this;
    }

    /** -k (1): report failed helper calls except reads; -kk (2): all of them. */
    public Compiler checkHelpers(int level) {
        this.helperChecks = level;
        return this;
    }

    /** A compiled script: programs to load, and what userspace needs to interpret their output. */
    public record Result(CompileContext context, Analysis analysis, List<GeneratedProgram> programs, OutputTable output,
                         List<CompileError> skippedProbes) {
        /** What bpftrace warns about but still runs: skipped probes, signed division, mixed-sign arithmetic. */
        public List<CompileError> warnings() {
            List<CompileError> all = new ArrayList<>(skippedProbes);
            all.addAll(SignWarnings.of(context, analysis));
            return all;
        }
    }

    /** Runs on a {@link DeepStack} thread: the passes recurse over the AST, whose depth the parser limits. */
    public Result compile(String fileName, String source, List<String> positionalParams) {
        return DeepStack.call(() -> compileDeep(fileName, source, positionalParams));
    }

    private Result compileDeep(String fileName, String source, List<String> positionalParams) {
        // like bpftrace, tell the script whether kernel types come from BTF (tools #ifndef their own structs)
        java.util.Set<String> predefined = java.nio.file.Files.isReadable(io.jbpftrace.btf.Btf.VMLINUX)
                ? java.util.Set.of("BPFTRACE_HAVE_BTF") : java.util.Set.of();
        Program program = ScriptParser.parse(fileName, source, predefined);
        ScriptConfig config = ScriptConfig.resolve(program, environment);
        CompileContext ctx = new CompileContext(program, positionalParams, unsafe, System.nanoTime(), config, helperChecks);
        ProbeExpansionPass expansion = new ProbeExpansionPass(registry, kernel);
        List<ProbeInstance> instances = expansion.run(ctx);
        ProbeLimit.check(ctx, instances, environment);
        Analysis analysis = new SemanticPass(ctx).run(instances);
        boolean onlyBeginEnd = instances.stream().allMatch(pi -> pi.provider() instanceof BeginEndProvider);
        OutputTable output = new OutputTable(OutputRingSize.resolve(environment, Runtime.getRuntime().availableProcessors(), onlyBeginEnd));
        List<GeneratedProgram> programs = new ArrayList<>();
        for (ProbeInstance pi : instances) {
            boolean begin = pi.target().name().equals(BeginEndProvider.BEGIN) && pi.provider() instanceof BeginEndProvider;
            GeneratedProgram generated = ProgramGen.generate(ctx, analysis, pi, output, begin ? analysis.beginRing() : analysis.outputRing());
            if (generated.insns().size() > MAX_INSNS) {
                // the kernel refuses it with E2BIG and no log; say which probe and why
                throw ctx.error(pi.attachPoint(), pi.attachPoint().raw() + ": the probe compiles to " + generated.insns().size()
                        + " BPF instructions, more than the kernel's limit of " + MAX_INSNS + ": split it across probes");
            }
            programs.add(generated);
        }
        return new Result(ctx, analysis, programs, output, expansion.skipped());
    }
}
