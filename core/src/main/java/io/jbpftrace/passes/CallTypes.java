package io.jbpftrace.passes;

import static io.jbpftrace.passes.SemanticPass.DEFAULT_STACK_FRAMES;
import static io.jbpftrace.passes.SemanticPass.typeWord;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.output.Conversion;
import io.jbpftrace.output.Printf;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Types function calls for {@link SemanticPass}: argument counts and types, and what each call
 * returns. The pass's state changes per probe instance and per round, so it is read through the pass.
 */
final class CallTypes {
    private final SemanticPass pass;
    private final CompileContext ctx;
    private final Map<String, ?> maps;
    private final IdentityHashMap<Expr, Long> constants;
    private final AggregateReads aggregates;
    private final MapFunctions mapFunctions;

    CallTypes(SemanticPass pass, CompileContext ctx) {
        this.pass = pass;
        this.ctx = ctx;
        this.maps = pass.maps;
        this.constants = pass.constants;
        this.aggregates = pass.aggregates;
        this.mapFunctions = new MapFunctions(pass, ctx);
    }

    private Type expr(Expr e) { return pass.expr(e); }

    private void requireInt(Expr e, String what) { pass.requireInt(e, what); }

    private void argCount(Expr.Call c, int min, int max) { pass.argCount(c, min, max); }

    private String param(Expr.Positional p) { return pass.param(p); }

    private List<Type> mapKeys(Expr.MapRef ref) { return pass.mapKeys(ref); }

    private Type stack(boolean user, String mode, int limit) { return pass.stack(user, mode, limit); }

    Type call(Expr.Call c) {
        List<Expr> args = c.args();
        switch (c.name()) {
            case "system", "cat" -> {
                if (c.name().equals("system") && !ctx.unsafe()) throw ctx.error(c, "system() is an unsafe function being used in safe mode");
                return formatted(c);
            }
            case "printf" -> {
                return formatted(c);
            }
            case "time" -> {
                argCount(c, 0, 1);
                if (args.size() == 1 && !(args.get(0) instanceof Expr.StrLit)) throw ctx.error(c, "time() expects a string literal (" + typeWord(expr(args.get(0))) + " provided)");
                args.forEach(this::expr);
                return Type.VOID;
            }
            case "signal" -> {
                if (!ctx.unsafe()) throw ctx.error(c, "signal() is an unsafe function being used in safe mode");
                argCount(c, 1, 1);
                Type t = expr(args.get(0));
                if (args.get(0) instanceof Expr.StrLit s && Signals.number(s.value()) < 0) throw ctx.error(args.get(0), "Invalid signal: " + s.value());
                if (!(t instanceof Type.Str) && !Types.isInt(t)) throw ctx.error(args.get(0), "signal() only accepts a signal name or number");
                return Type.VOID;
            }
            case "bswap" -> {
                argCount(c, 1, 1);
                Type t = expr(args.get(0));
                if (!Types.isInt(t)) throw ctx.error(c, "bswap() only supports integer arguments (" + typeWord(t) + " provided)");
                return new Type.Int(t.size(), false);
            }
            case "uptr", "kptr" -> { // say which address space a pointer (or an address) points into
                argCount(c, 1, 1);
                Type t = expr(args.get(0));
                if (t instanceof Type.Pointer p) return new Type.Pointer(p.target(), c.name().equals("uptr"));
                if (!Types.isInt(t)) throw ctx.error(c, c.name() + "() only supports integer or pointer arguments (" + typeWord(t) + " provided)");
                return t;
            }
            case "ksym" -> {
                argCount(c, 1, 1);
                requireInt(args.get(0), "ksym() argument");
                return new Type.Symbol(false);
            }
            case "kaddr" -> {
                argCount(c, 1, 1);
                if (!(args.get(0) instanceof Expr.StrLit s)) throw ctx.error(c, "kaddr() expects a string literal");
                expr(s);
                // resolved once (both analysis rounds, every probe) and kept for the code generator
                long address = constants.computeIfAbsent(c, k -> io.jbpftrace.symbols.KernelSymbols.address(s.value()));
                if (address == 0) throw ctx.error(s, "Failed to resolve kernel symbol: " + s.value());
                return Type.Int.U64;
            }
            case "uaddr" -> {
                argCount(c, 1, 1);
                Type t = expr(args.get(0));
                if (!(args.get(0) instanceof Expr.StrLit s)) throw ctx.error(c, "uaddr() expects a string literal (" + typeWord(t) + " provided)");
                return symbolAddress(c, s.value()).type();
            }
            case "cgroupid" -> {
                argCount(c, 1, 1);
                if (!(args.get(0) instanceof Expr.StrLit s)) throw ctx.error(c, "cgroupid() expects a string literal (" + typeWord(expr(args.get(0))) + " provided)");
                expr(s);
                if (constants.computeIfAbsent(c, k -> Cgroups.id(s.value())) < 0) throw ctx.error(s, "cgroupid: can not find cgroup " + s.value());
                return Type.Int.U64;
            }
            case "ntop" -> {
                argCount(c, 1, 2);
                for (Expr a : args) {
                    Type t = expr(a);
                    boolean byteArray = t instanceof Type.Str && (t.size() == 4 || t.size() == 16) && a instanceof Expr.Field; // u8 addr[16]
                    if (!Types.isInt(t) && !(t instanceof Type.Array) && !byteArray) throw ctx.error(c, "ntop() argument must be 4 or 16 bytes in size");
                }
                return new Type.Printable("inet", 24, null);
            }
            case "macaddr" -> {
                argCount(c, 1, 1);
                expr(args.get(0));
                return new Type.Printable("mac", 8, null);
            }
            case "buf" -> {
                argCount(c, 1, 2);
                Type bt = expr(args.get(0));
                if (!Types.isInt(bt) && !(bt instanceof Type.Str)) throw ctx.error(args.get(0), "buf() expects an address or an array (" + Types.name(bt) + " provided)");
                // as in bpftrace 0.17, char arrays count as strings: neither says how many bytes are meant
                if (args.size() == 1 && bt instanceof Type.Str) {
                    throw ctx.error(c, "buf() expects a length argument for non-array type string");
                }
                int n = ctx.config().maxStrlen();
                if (args.size() == 2) {
                    if (!(args.get(1) instanceof Expr.IntLit len) || len.value() < 1) throw ctx.error(args.get(1), "buf() length must be a positive integer literal");
                    n = (int) Math.min(len.value(), ctx.config().maxStrlen());
                    expr(args.get(1));
                }
                return new Type.Printable("buf", 8 + n, null);
            }
            case "cgroup_path" -> {
                argCount(c, 1, 2);
                requireInt(args.get(0), "cgroup_path() argument");
                if (args.size() == 2 && !(args.get(1) instanceof Expr.StrLit)) throw ctx.error(args.get(1), "cgroup_path() only supports a string literal as its second argument");
                if (args.size() == 2) expr(args.get(1));
                return new Type.Printable("cgroup_path", 8, args.size() == 2 ? ((Expr.StrLit) args.get(1)).value() : "*");
            }
            case "usym" -> {
                argCount(c, 1, 1);
                requireInt(args.get(0), "usym() argument");
                return new Type.Printable("usym", 16, null);
            }
            case "reg" -> {
                argCount(c, 1, 1);
                if (!(args.get(0) instanceof Expr.StrLit r)) throw ctx.error(c, "reg() expects a string literal (register name)");
                expr(r);
                if (io.jbpftrace.spi.PtRegs.offsetOf(r.value()) < 0) throw ctx.error(c, "'" + r.value() + "' is not a valid register");
                var type = pass.instance.provider().programType(pass.instance.target());
                if (type != io.jbpftrace.bpf.ProgType.KPROBE && type != io.jbpftrace.bpf.ProgType.PERF_EVENT) {
                    throw ctx.error(c, "reg can not be used with \"" + pass.instance.provider().probeTypes().get(0) + "\" probes");
                }
                return Type.Int.U64;
            }
            case "join" -> {
                argCount(c, 1, 2);
                Type t = expr(args.get(0));
                if (!(t instanceof Type.Pointer p && p.target() instanceof Type.Pointer) && !Types.isInt(t)) throw ctx.error(c, "join() expects a char ** array argument");
                if (args.size() == 2 && !(args.get(1) instanceof Expr.StrLit)) throw ctx.error(args.get(1), "join() delimiter must be a string literal");
                if (args.size() == 2) expr(args.get(1));
                return Type.VOID;
            }
            case "strftime" -> {
                argCount(c, 2, 2);
                if (!(args.get(0) instanceof Expr.StrLit fmt)) throw ctx.error(c, "strftime() expects a string literal as first argument");
                expr(fmt);
                requireInt(args.get(1), "strftime() timestamp");
                return new Type.Printable("time", 8, fmt.value());
            }
            case "override" -> throw ctx.error(c, "override() can only be used with kprobes, and this kernel has none");
            case "strncmp" -> {
                argCount(c, 3, 3);
                for (int i = 0; i < 2; i++) {
                    Type t = expr(args.get(i));
                    if (!(t instanceof Type.Str)) throw ctx.error(c, "strncmp() only supports string arguments (" + typeWord(t) + " provided)");
                }
                if (!(args.get(2) instanceof Expr.IntLit)) throw ctx.error(c, "strncmp() expects a integer literal (" + typeWord(expr(args.get(2))) + " provided)");
                expr(args.get(2));
                return Type.Int.U64;
            }
            case "sizeof" -> throw ctx.error(c, "sizeof() takes a type or an expression");
            case "str" -> {
                argCount(c, 1, 2);
                if (args.get(0) instanceof Expr.Positional p) pass.types.put(p, new Type.Str(param(p).length() + 1));
                Type t = args.get(0) instanceof Expr.Positional ? pass.types.get(args.get(0)) : expr(args.get(0));
                if (args.size() == 2) requireInt(args.get(1), "str() length");
                if (t instanceof Type.Str || t instanceof Type.Array || t instanceof Type.DataLoc) return new Type.Str(ctx.config().maxStrlen());
                if (!Types.isInt(t)) throw ctx.error(args.get(0), "str() expects an integer or a pointer type as first argument (" + Types.name(t) + " provided)");
                return new Type.Str(ctx.config().maxStrlen());
            }
            case "kstack", "ustack" -> {
                return stackCall(c);
            }
            case "exit" -> {
                argCount(c, 0, 1);
                if (args.size() == 1) requireInt(args.get(0), "exit() code");
                return Type.VOID;
            }
            case "delete" -> {
                argCount(c, 1, 1);
                if (!(args.get(0) instanceof Expr.MapRef m)) throw ctx.error(c, "delete() expects a map to be provided");
                pass.zeroedDeletedOrCounted.add(m.name());
                mapKeys(m);
                if (pass.strict && maps.get(m.name()) == null) throw ctx.error(m, m.name().length(), "Undefined map: " + m.name());
                return Type.VOID;
            }
            case "clear", "zero", "print" -> {
                argCount(c, 1, c.name().equals("print") ? 3 : 1);
                if (c.name().equals("print") && !(args.get(0) instanceof Expr.MapRef m0 && m0.keys().isEmpty())) {
                    argCount(c, 1, 1);
                    Type t = expr(args.get(0));
                    if (!(Types.isScalar(t) || t instanceof Type.Str || t instanceof Type.Tuple || t instanceof Type.Printable)) throw ctx.error(args.get(0), "print() can not print a value of type " + Types.name(t));
                    return Type.VOID;
                }
                if (args.get(0) instanceof Expr.MapRef m && m.keys().isEmpty()) {
                    if (c.name().equals("zero")) pass.zeroedDeletedOrCounted.add(m.name());
                    if (pass.strict && maps.get(m.name()) == null) throw ctx.error(m, m.name().length(), "Undefined map: " + m.name());
                    for (Expr a : args.subList(1, args.size())) {
                        if (!(a instanceof Expr.IntLit)) throw ctx.error(c, "print() expects a integer literal (" + typeWord(expr(a)) + " provided)");
                        expr(a);
                    }
                    return Type.VOID;
                }
                throw ctx.error(c, c.name() + "() expects a map to be provided");
            }
            default -> {
                if (MapFunctions.handles(c.name())) {
                    if (c.name().equals("len") && !args.isEmpty() && args.get(0) instanceof Expr.MapRef m) pass.zeroedDeletedOrCounted.add(m.name());
                    return mapFunctions.call(c);
                }
                if (AggKind.ofFunction(c.name()) != null) throw ctx.error(c, c.name() + "() should be directly assigned to a map");
                throw ctx.error(c, c.name().length(), "Unknown function: " + c.name());
            }
        }
    }

    /** printf, system, cat: a format literal checked against its arguments. */
    private Type formatted(Expr.Call c) {
        List<Expr> args = c.args();
        if (args.isEmpty()) throw ctx.error(c, c.name() + "() requires at least one argument (0 provided)");
        if (!(args.get(0) instanceof Expr.StrLit fmt)) throw ctx.error(c, c.name() + "() expects a string literal (" + typeWord(expr(args.get(0))) + " provided)");
        List<Conversion.ArgType> argTypes = new ArrayList<>();
        List<AggKind> aggregateArgs = new ArrayList<>();
        for (Expr a : args.subList(1, args.size())) {
            aggregateArgs.add(aggregates.of(a));
            if (aggregates.of(a) != null) {
                argTypes.add(Conversion.ArgType.INTEGER); // only for the argument count; rejected below
                continue;
            }
            Type t = expr(a);
            if (!(Types.isScalar(t) || t instanceof Type.Str || t instanceof Type.Printable)) throw ctx.error(a, c.name() + ": argument of type '" + Types.name(t) + "' can not be printed");
            argTypes.add(Types.isInt(t) ? Conversion.ArgType.INTEGER
                    : t instanceof Type.Printable p && p.kind().equals("buf") ? Conversion.ArgType.BUFFER : Conversion.ArgType.STRING);
        }
        expr(fmt);
        AggregateReads.printfMismatch(fmt.value(), aggregateArgs).ifPresent(m -> { throw ctx.error(c, c.name() + m); });
        try {
            Printf.check(fmt.value(), argTypes);
        } catch (IllegalArgumentException e) {
            throw ctx.error(c, e.getMessage().replaceFirst("^printf", c.name()));
        }
        return Type.VOID;
    }

    /** kstack(N), kstack(mode), kstack(mode, N) and the same for ustack. */
    private Type stackCall(Expr.Call c) {
        argCount(c, 0, 2);
        String mode = ctx.config().stackMode();
        int limit = DEFAULT_STACK_FRAMES;
        for (Expr a : c.args()) {
            if (a instanceof Expr.Builtin m && (m.name().equals("bpftrace") || m.name().equals("perf") || m.name().equals("raw"))) mode = m.name();
            else if (a instanceof Expr.IntLit n && n.value() >= 1 && n.value() <= 1024) limit = (int) n.value();
            else throw ctx.error(a, c.name() + "() expects a stack mode (bpftrace, perf, raw) and/or a frame count between 1 and 1024");
        }
        return stack(c.name().equals("ustack"), mode, limit);
    }

    /** uaddr(): the probe's provider locates the symbol in the probed binary. */
    private Builtin symbolAddress(Expr.Call c, String symbol) {
        try {
            return pass.instance.provider().symbolAddress(symbol, pass.instance.target()).orElseThrow(() ->
                    ctx.error(c, "uaddr can not be used with \"" + pass.instance.probeType() + "\" probes"));
        } catch (ProbeException ex) {
            throw ctx.error(c, ex.getMessage());
        }
    }}
