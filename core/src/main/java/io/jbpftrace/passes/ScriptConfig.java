package io.jbpftrace.passes;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Program;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * bpftrace's config variables that change what jbpftrace does: {@code max_strlen} (bytes of a
 * str() value), {@code max_map_keys} (entries of every map) and {@code stack_mode} (how kstack and
 * ustack print unless the call names a mode). Set in the script's {@code config = { ... }} block
 * (bpftrace >= 0.19: keys are case-insensitive, may carry the {@code BPFTRACE_} prefix) and by
 * environment variables, which win: {@code BPFTRACE_MAX_STRLEN}, {@code BPFTRACE_MAX_MAP_KEYS},
 * {@code BPFTRACE_STACK_MODE}, and bpftrace 0.17's {@code BPFTRACE_STRLEN}, {@code BPFTRACE_MAP_KEYS_MAX}.
 * The other variables bpftrace knows are checked and accepted without effect: jbpftrace has no
 * equivalent (the verifier log grows as needed, output uses a BPF ring buffer, ...).
 */
public record ScriptConfig(int maxStrlen, int maxMapKeys, String stackMode) {
    public static final ScriptConfig DEFAULTS = new ScriptConfig(SemanticPass.STRING_SIZE, 4096, "bpftrace");
    /** Strings live on the 512-byte BPF stack, so bpftrace 0.17's limit stays. */
    static final int STRLEN_LIMIT = 200;

    private static final Set<String> STACK_MODES = Set.of("bpftrace", "perf", "raw");
    private static final Set<String> INTEGER_KEYS = Set.of("log_size", "max_bpf_progs", "max_cat_bytes", "max_map_keys",
            "max_probes", "max_strlen", "max_type_res_iterations", "perf_rb_pages");
    private static final Set<String> BOOLEAN_KEYS = Set.of("cpp_demangle", "lazy_symbolication", "probe_inline");
    private static final Map<String, Set<String>> STRING_KEYS = Map.of(
            "str_trunc_trailer", Set.of(), // any text
            "cache_user_symbols", Set.of("PER_PID", "PER_PROGRAM", "NONE"),
            "missing_probes", Set.of("ignore", "warn", "error"));
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("btf", "debug_output", "kernel_build", "kernel_source",
            "max_ast_nodes", "verify_llvm_ir", "vmlinux");

    /** A bad value in an environment variable: bpftrace reports it without a position. */
    public static final class EnvironmentError extends RuntimeException {
        EnvironmentError(String message) { super(message); }
    }

    /** The script's config block, then the environment on top. */
    public static ScriptConfig resolve(Program program, Map<String, String> env) {
        ScriptConfig c = DEFAULTS;
        for (Map.Entry<String, Expr> e : program.config().entrySet()) c = c.withEntry(program, e.getKey(), e.getValue());
        return c.withEnvironment(env);
    }

    private ScriptConfig withEntry(Program program, String raw, Expr value) {
        String key = raw.toLowerCase(Locale.ROOT);
        if (key.startsWith("bpftrace_")) key = key.substring("bpftrace_".length());
        if (ENVIRONMENT_ONLY.contains(key)) throw error(program, raw, value, key + " can only be set as an environment variable");
        boolean known = INTEGER_KEYS.contains(key) || BOOLEAN_KEYS.contains(key) || STRING_KEYS.containsKey(key) || key.equals("stack_mode");
        if (!known) throw error(program, raw, value, "Unrecognized config variable: " + raw);
        if (key.equals("stack_mode")) {
            if (!(value instanceof Expr.Builtin mode)) throw typeError(program, raw, value, "stack_mode");
            if (!STACK_MODES.contains(mode.name())) throw error(program, raw, value, "Unknown stack mode: '" + mode.name() + "'");
            return new ScriptConfig(maxStrlen, maxMapKeys, mode.name());
        }
        if (STRING_KEYS.containsKey(key)) {
            if (!(value instanceof Expr.StrLit s)) throw typeError(program, raw, value, "string");
            Set<String> allowed = STRING_KEYS.get(key);
            if (!allowed.isEmpty() && !allowed.contains(s.value())) {
                throw error(program, raw, value, "Invalid value for " + key + ": valid values are " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            return this;
        }
        if (!(value instanceof Expr.IntLit n)) throw typeError(program, raw, value, "integer");
        if (BOOLEAN_KEYS.contains(key) && n.value() != 0 && n.value() != 1) {
            throw error(program, raw, value, "Invalid value for " + raw + ". Needs to be 0 or 1. Value: " + n.value());
        }
        if (key.equals("max_strlen")) {
            if (n.value() < 1 || n.value() > STRLEN_LIMIT) throw error(program, raw, value, "max_strlen must be between 1 and " + STRLEN_LIMIT + " (strings live on the 512 byte BPF stack)");
            return new ScriptConfig((int) n.value(), maxMapKeys, stackMode);
        }
        if (key.equals("max_map_keys")) {
            if (n.value() < 1 || n.value() > Integer.MAX_VALUE) throw error(program, raw, value, "max_map_keys must be between 1 and " + Integer.MAX_VALUE);
            return new ScriptConfig(maxStrlen, (int) n.value(), stackMode);
        }
        return this;
    }

    private ScriptConfig withEnvironment(Map<String, String> env) {
        ScriptConfig c = this;
        for (String name : new String[] {"BPFTRACE_STRLEN", "BPFTRACE_MAX_STRLEN"}) {
            if (!env.containsKey(name)) continue;
            long n = positive(env, name);
            if (n > STRLEN_LIMIT) {
                throw new EnvironmentError("'" + name + "' " + n + " exceeds the current maximum of " + STRLEN_LIMIT + " bytes.\n"
                        + "This limitation is because strings are currently stored on the 512 byte BPF stack.\n"
                        + "Long strings will be pursued in: https://github.com/iovisor/bpftrace/issues/305");
            }
            c = new ScriptConfig((int) n, c.maxMapKeys, c.stackMode);
        }
        for (String name : new String[] {"BPFTRACE_MAP_KEYS_MAX", "BPFTRACE_MAX_MAP_KEYS"}) {
            if (env.containsKey(name)) c = new ScriptConfig(c.maxStrlen, (int) Math.min(positive(env, name), Integer.MAX_VALUE), c.stackMode);
        }
        String mode = env.get("BPFTRACE_STACK_MODE");
        if (mode != null) {
            if (!STACK_MODES.contains(mode)) throw new EnvironmentError(mode + " is not a valid StackMode");
            c = new ScriptConfig(c.maxStrlen, c.maxMapKeys, mode);
        }
        return c;
    }

    static long positive(Map<String, String> env, String name) {
        try {
            long n = Long.parseLong(env.get(name).strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EnvironmentError("Env var '" + name + "' did not contain a valid uint64_t, or was zero-valued.");
    }

    private static CompileError typeError(Program program, String raw, Expr value, String expected) {
        String actual = value instanceof Expr.IntLit ? "integer" : value instanceof Expr.StrLit ? "string" : null;
        if (actual == null) return error(program, raw, value, "Assignment for " + raw + " must be literal.");
        return error(program, raw, value, "Invalid type for " + raw + ". Type: " + actual + ". Expected Type: " + expected);
    }

    /** Points at the key, which the AST does not keep: it is the last occurrence before the value on its line. */
    private static CompileError error(Program program, String raw, Expr value, String message) {
        Pos at = value.pos();
        String[] lines = program.source().split("\n", -1);
        if (at != null && at.line() >= 1 && at.line() <= lines.length) {
            int keyAt = lines[at.line() - 1].lastIndexOf(raw, Math.max(0, at.col() - 1));
            if (keyAt >= 0) at = new Pos(at.line(), keyAt + 1);
        }
        return new CompileError(program.fileName(), program.source(), at, raw.length(), message);
    }
}
