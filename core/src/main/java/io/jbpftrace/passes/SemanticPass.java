package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.Block;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pass 2: types every expression of every probe instance and fixes each map's signature.
 * Runs twice: the first round learns map types from all assignments (a probe may read a map another
 * probe writes), the second checks everything and reports the first error with its position.
 */
public final class SemanticPass {
    /** Bytes of a str() value unless max_strlen says otherwise (see ScriptConfig). */
    public static final int STRING_SIZE = 64;
    public static final int DEFAULT_STACK_FRAMES = 127;

    private final CompileContext ctx;
    private final StructTypes structs;
    private final CallTypes calls;
    private final IdentifierResolver identifiers;
    final Map<String, MapSig> maps = new HashMap<>();
    /** Maps passed to zero(), delete() or len(): they stay hash maps (see MapInfo#canUseBucketArray). */
    final java.util.Set<String> zeroedDeletedOrCounted = new java.util.HashSet<>();
    private final List<Integer> stackDepths = new ArrayList<>();
    final IdentityHashMap<Expr, Long> constants = new IdentityHashMap<>();
    // strict, instance and types change per round and per probe: CallTypes reads them here
    boolean strict;
    ProbeInstance instance;
    IdentityHashMap<Expr, Type> types;
    private Map<String, Type> vars;
    private int loopDepth;
    final AggregateReads aggregates = new AggregateReads(name -> maps.containsKey(name) ? maps.get(name).kind : null);

    /** A map's signature while it is being learned. */
    private static final class MapSig {
        List<Type> keys;
        AggKind kind;
        Type value;
        long[] lhist;
    }

    public SemanticPass(CompileContext ctx) {
        this.ctx = ctx;
        this.structs = new StructTypes(ctx.program().structs());
        this.calls = new CallTypes(this, ctx);
        this.identifiers = IdentifierResolver.forKernel(ctx.program().includes());
    }

    public Analysis run(List<ProbeInstance> instances) {
        List<IdentityHashMap<Expr, Type>> all = new ArrayList<>();
        for (strict = false; ; strict = true) {
            all.clear();
            for (ProbeInstance pi : instances) {
                instance = pi;
                types = new IdentityHashMap<>();
                vars = new HashMap<>();
                aggregates.clearVariables();
                if (pi.probe().predicate() != null) requireInt(pi.probe().predicate(), "predicate");
                block(pi.probe().body());
                // a variable keeps one slot: every mention gets its final (widest) type
                types.replaceAll((e, t) -> e instanceof Expr.Var v && vars.containsKey(v.name()) ? vars.get(v.name()) : t);
                all.add(types);
            }
            if (strict) break;
        }
        Map<String, MapInfo> infos = new TreeMap<>();
        int id = 0;
        for (String name : new TreeMap<>(maps).keySet()) {
            MapSig s = maps.get(name);
            boolean array = MapInfo.canUseBucketArray(s.keys, s.kind, s.lhist, zeroedDeletedOrCounted.contains(name), ctx.config().maxMapKeys());
            infos.put(name, new MapInfo(id++, name, s.keys, s.kind, s.value == null ? Type.Int.S64 : s.value, s.lhist, array));
        }
        return new Analysis(instances, infos, List.copyOf(all), List.copyOf(stackDepths), constants);
    }

    // ---- statements ----

    private void block(Block b) {
        for (Stmt s : b.stmts()) stmt(s);
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.ExprStmt e) {
            expr(e.expr());
        } else if (s instanceof Stmt.AssignMap a) {
            assignMap(a);
        } else if (s instanceof Stmt.AssignVar a) {
            Type t = expr(a.value());
            if (t instanceof Type.Void) throw ctx.error(a.value(), "Value of type 'none' cannot be assigned to " + "$" + a.target().name());
            Type old = vars.get(a.target().name());
            if (old != null && !Types.compatible(old, t)) {
                throw ctx.error(new SourceSpans.Span(ctx.spans().assignOperator(a), 1), "Type mismatch for $" + a.target().name()
                        + ": trying to assign value of type '" + Types.name(t) + "' when variable already contains a value of type '" + Types.name(old) + "'");
            }
            aggregates.assigned(a.target(), a.value());
            vars.put(a.target().name(), old == null ? t : Types.widest(old, t));
            types.put(a.target(), vars.get(a.target().name()));
        } else if (s instanceof Stmt.If i) {
            Type cond = expr(i.cond());
            if (!Types.isInt(cond)) throw ctx.error(i.cond(), "Invalid condition in if(): " + typeWord(cond));
            block(i.then());
            if (i.otherwise() != null) block(i.otherwise());
        } else if (s instanceof Stmt.Unroll u) {
            long n = unrollCount(u);
            if (n < 1) throw ctx.error(u, "unroll minimum value is 1");
            if (n > 100) throw ctx.error(u, "unroll maximum value is 100");
            expr(u.count());
            block(u.body());
        } else if (s instanceof Stmt.While w) {
            requireInt(w.cond(), "while condition");
            loopDepth++;
            block(w.body());
            loopDepth--;
        } else if ((s instanceof Stmt.Break || s instanceof Stmt.Continue) && loopDepth == 0) {
            throw ctx.error(s, (s instanceof Stmt.Break ? "break" : "continue") + " used outside of a loop");
        } else if (s instanceof Stmt.For f) {
            forLoop(f);
        }
    }

    /**
     * {@code for ($kv : @map)}: the body may use and assign the probe's variables; its own variables,
     * {@code $kv} included, end with it (they live in the loop's callback).
     */
    private void forLoop(Stmt.For f) {
        Expr.MapRef m = f.map();
        if (!m.keys().isEmpty()) throw ctx.error(m, "Loop expression must be a map without keys");
        MapSig sig = maps.get(m.name());
        if (sig == null || sig.kind == null) {
            if (strict) throw ctx.error(m, m.name().length(), "Undefined map: " + m.name());
            return;
        }
        MapIteration.refusal(sig.kind, sig.keys).ifPresent(message -> { throw ctx.error(m, m.name().length(), message); });
        String name = f.var().name();
        if (vars.containsKey(name)) throw ctx.error(f.var(), name.length() + 1, "Loop declaration shadows existing variable: $" + name);
        Type element = MapIteration.element(sig.keys, sig.kind, sig.value);
        types.put(m, element);
        types.put(f.var(), element);
        Map<String, Type> outer = new HashMap<>(vars);
        vars.put(name, element);
        loopDepth++;
        block(f.body());
        loopDepth--;
        vars.keySet().retainAll(outer.keySet());
    }

    /** unroll takes an integer literal or a numeric positional parameter. */
    private long unrollCount(Stmt.Unroll u) {
        if (u.count() instanceof Expr.IntLit n) return n.value();
        if (u.count() instanceof Expr.Positional p && isNumber(param(p))) return Long.decode(param(p));
        // our own message (bpftrace 0.17 fails to parse this): it points at the count alone
        throw ctx.error(new SourceSpans.Span(u.count().pos(), ctx.spans().length(u.count())), "unroll count must be an integer literal or a positional parameter");
    }

    String param(Expr.Positional p) {
        return p.index() <= ctx.positionalParams().size() ? ctx.positionalParams().get(p.index() - 1) : "";
    }

    private void assignMap(Stmt.AssignMap a) {
        Expr.MapRef target = a.target();
        List<Type> keys = mapKeys(target);
        AggKind kind = AggKind.VALUE;
        Type value;
        long[] lhist = null;
        if (a.value() instanceof Expr.Call call && AggKind.ofFunction(call.name()) != null) {
            kind = AggKind.ofFunction(call.name());
            value = aggregation(call, kind);
            if (kind == AggKind.LHIST) lhist = lhistArgs(call);
        } else {
            value = expr(a.value());
            if (value instanceof Type.Void) throw ctx.error(a.value(), "Value of type 'none' cannot be stored in a map");
            if (value instanceof Type.Record || value instanceof Type.Array || value instanceof Type.DataLoc) {
                throw ctx.error(a.value(), "Value of type '" + Types.name(value) + "' cannot be stored in a map");
            }
        }
        types.put(target, value);
        MapSig sig = maps.computeIfAbsent(target.name(), n -> new MapSig());
        if (sig.kind == null) {
            sig.kind = kind;
            sig.keys = keys;
            sig.value = value;
            sig.lhist = lhist;
            return;
        }
        if (sig.kind == kind && sig.value instanceof Type.Tuple && value instanceof Type.Tuple && !Types.compatible(sig.value, value)) {
            throw ctx.error(target, target.name().length(), "Tuple type mismatch: " + Types.name(sig.value) + " != " + Types.name(value) + ".");
        }
        if (sig.kind != kind || !Types.compatible(sig.value, value)) {
            throw ctx.error(target, "Type mismatch for " + target.name() + ": trying to assign value of type '"
                    + describe(kind, value) + "' when map already contains a value of type '" + describe(sig.kind, sig.value) + "'");
        }
        checkKeys(target, sig, keys);
        sig.value = Types.widest(sig.value, value);
        sig.keys = widenKeys(sig.keys, keys);
    }

    private static String describe(AggKind kind, Type value) {
        return kind == AggKind.VALUE ? Types.name(value) : kind.name().toLowerCase();
    }

    private Type aggregation(Expr.Call call, AggKind kind) {
        argCount(call, kind == AggKind.COUNT ? 0 : kind == AggKind.LHIST ? 4 : 1, kind == AggKind.COUNT ? 0 : kind == AggKind.LHIST ? 4 : 1);
        for (Expr arg : call.args()) {
            Type t = expr(arg);
            if (kind == AggKind.LHIST && arg != call.args().get(0)) continue; // must be literals: lhistArgs says so
            if (!Types.isInt(t)) throw ctx.error(call, call.name() + "() only supports integer arguments (" + typeWord(t) + " provided)");
        }
        types.put(call, Type.Int.S64);
        return Type.Int.S64;
    }

    /** The coarse type names bpftrace uses in some messages. */
    static String typeWord(Type t) {
        if (t instanceof Type.Str) return "string";
        if (Types.isInt(t)) return "integer";
        return Types.name(t);
    }

    private long[] lhistArgs(Expr.Call call) {
        long[] v = new long[3];
        for (int i = 1; i <= 3; i++) {
            if (!(call.args().get(i) instanceof Expr.IntLit lit)) throw ctx.error(call, "lhist() expects a integer literal (" + typeWord(types.get(call.args().get(i))) + " provided)");
            v[i - 1] = lit.value();
        }
        if (v[0] < 0) throw ctx.error(call, "lhist() min must be non-negative (provided min " + v[0] + ")");
        if (v[0] > v[1]) throw ctx.error(call, "lhist() min must be less than max (provided min " + v[0] + " and max " + v[1] + ")");
        if (v[2] <= 0) throw ctx.error(call, "lhist() step must be >= 1 (" + v[2] + " provided)");
        if ((v[1] - v[0]) / v[2] > 1000) throw ctx.error(call, "lhist() too many buckets, must be <= 1000 (would need " + (v[1] - v[0]) / v[2] + ")");
        return v;
    }

    List<Type> mapKeys(Expr.MapRef ref) {
        List<Type> keys = new ArrayList<>();
        for (Expr k : ref.keys()) {
            Type t = expr(k);
            if (t instanceof Type.Tuple) throw ctx.error(ref, "tuple cannot be used as a map key. Try a multi-key associative array instead (eg `@map[$1, $2] = ...)`.");
            if (!(Types.isScalar(t) || t instanceof Type.Str || t instanceof Type.Printable)) throw ctx.error(k, "Map key of type '" + Types.name(t) + "' is not supported");
            keys.add(t);
        }
        return keys;
    }

    /** The key types of a defined map, or null while it is unknown (undefined maps fail in the strict round). */
    List<Type> mapKeyTypes(Expr.MapRef m) {
        MapSig sig = maps.get(m.name());
        if (sig == null || sig.kind == null) {
            if (strict) throw ctx.error(m, m.name().length(), "Undefined map: " + m.name());
            return null;
        }
        return sig.keys;
    }

    /** Types a lookup's keys and checks them against the map's (as a read does, without reading); errors point at {@code at}. */
    void readKeys(Expr.MapRef m, Expr at) {
        List<Type> keys = mapKeys(m);
        MapSig sig = maps.get(m.name());
        if (!strict || sig == null || sig.kind == null) return;
        try {
            checkKeys(m, sig, keys);
        } catch (io.jbpftrace.lang.CompileError e) {
            throw ctx.error(at, e.getMessage());
        }
    }

    private void checkKeys(Expr.MapRef ref, MapSig sig, List<Type> keys) {
        boolean same = sig.keys.size() == keys.size();
        for (int i = 0; same && i < keys.size(); i++) same = Types.compatible(sig.keys.get(i), keys.get(i));
        if (!same) {
            throw ctx.error(ref, "Argument mismatch for " + ref.name() + ": trying to access with arguments: ["
                    + String.join(", ", keys.stream().map(Types::keyName).toList()) + "] when map expects arguments: ["
                    + String.join(", ", sig.keys.stream().map(Types::keyName).toList()) + "]");
        }
    }

    private static List<Type> widenKeys(List<Type> a, List<Type> b) {
        List<Type> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(Types.widest(a.get(i), b.get(i)));
        return out;
    }

    // ---- expressions ----

    void requireInt(Expr e, String what) {
        Type t = expr(e);
        if (!Types.isInt(t)) throw ctx.error(e, "Invalid type for " + what + ": " + Types.name(t));
    }

    Type expr(Expr e) {
        Type t = typeOf(e);
        types.put(e, t);
        return t;
    }

    private Type typeOf(Expr e) {
        if (e instanceof Expr.IntLit) return Type.Int.S64;
        if (e instanceof Expr.StrLit s) return new Type.Str(s.value().length() + 1);
        if (e instanceof Expr.Builtin b) return builtin(b);
        if (e instanceof Expr.Positional p) return positional(p);
        if (e instanceof Expr.PositionalCount) return Type.Int.S64;
        if (e instanceof Expr.MapRef m) return mapRead(m);
        if (e instanceof Expr.Var v) return variable(v);
        if (e instanceof Expr.Call c) return calls.call(c);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Ternary t) return ternary(t);
        if (e instanceof Expr.Field f) return field(f);
        if (e instanceof Expr.Cast c) return cast(c);
        if (e instanceof Expr.Sizeof so) {
            if (so.operand() != null) expr(so.operand());
            sizeOf(so);
            return Type.Int.U64;
        }
        if (e instanceof Expr.Increment inc) return increment(inc);
        if (e instanceof Expr.Offsetof of) {
            Type.Record r = structs.struct(of.typeName()).orElseThrow(() -> ctx.error(of, "Unknown struct: " + of.typeName()));
            constants.put(of, (long) r.field(of.field()).orElseThrow(() -> ctx.error(of, "'" + of.typeName() + "' has no field named '" + of.field() + "'")).offset());
            return Type.Int.U64;
        }
        if (e instanceof Expr.Index ix) {
            Type t = expr(ix.target());
            requireInt(ix.index(), "array index");
            Type element = t instanceof Type.Pointer p ? p.target() : t instanceof Type.Array a ? a.element() : null;
            if (element == null) throw ctx.error(ix.target(), ix, "The array index operator [] can only be used on arrays and pointers, found " + typeWord(t) + ".");
            if (!Types.isInt(element)) throw ctx.error(ix, "Indexing is supported for arrays and pointers of integers, not " + Types.name(element));
            return element;
        }
        if (e instanceof Expr.Tuple t) return new Type.Tuple(t.elems().stream().map(this::expr).toList());
        if (e instanceof Expr.TupleIndex ti) {
            if (!(expr(ti.target()) instanceof Type.Tuple tt)) throw ctx.error(ti, "Can not access index on non-tuple type");
            if (ti.index() < 0 || ti.index() >= tt.elements().size()) throw ctx.error(ti.target(), ti, "Invalid tuple index: " + ti.index() + ". Found " + tt.elements().size() + " elements in tuple.");
            return tt.elements().get(ti.index());
        }
        throw ctx.error(e, "This expression is not supported yet");
    }

    private Type builtin(Expr.Builtin b) {
        if (b.name().equals("elapsed")) return Type.Int.U64;
        if (b.name().equals("username")) return new Type.Printable("username", 8, null);
        if (b.name().equals("curtask")) {
            return structs.struct("task_struct").map(r -> (Type) new Type.Pointer(new Type.Record(r.name(), List.of(), r.size()), false)).orElse(Type.Int.U64);
        }
        if (b.name().equals("kstack") || b.name().equals("ustack")) return stack(b.name().equals("ustack"), ctx.config().stackMode(), DEFAULT_STACK_FRAMES);
        try {
            var provided = instance.provider().builtin(b.name(), instance.target());
            if (provided.isPresent()) return provided.get().type();
        } catch (ProbeException ex) {
            throw ctx.error(b, b.name().length(), ex.getMessage());
        }
        String probeType = instance.probeType();
        var unavailable = BuiltinAvailability.unavailable(b.name(), probeType);
        if (CoreBuiltins.get(b.name()).isEmpty() && unavailable.isEmpty()) {
            var constant = identifiers.resolve(b.name());
            if (constant.isPresent()) {
                constants.put(b, constant.get().value());
                return constant.get().type();
            }
        }
        Builtin core = CoreBuiltins.get(b.name()).orElseThrow(() -> ctx.error(b, b.name().length(),
                unavailable
                        .orElse("Unknown identifier: '" + b.name() + "'")));
        return core.type();
    }

    /** The size sizeof() stands for, kept for the code generator. */
    private void sizeOf(Expr.Sizeof so) {
        long size;
        if (so.operand() != null) { // a struct known by name only (a tracepoint pointer's target) gets its BTF size
            Type t = types.get(so.operand());
            size = (t instanceof Type.Record r ? structs.complete(r).orElse(r) : t).size();
        }
        else if (so.pointerDepth() > 0) size = 8;
        else size = structs.named(so.typeName()).filter(this::known).orElseThrow(() -> ctx.error(so, "Unknown identifier: '" + so.typeName() + "'")).size();
        constants.put(so, size);
    }

    /** $N is an integer; a non-numeric parameter must go through str($N), as in bpftrace. */
    private Type positional(Expr.Positional p) {
        String v = param(p);
        if (isNumber(v) || v.isEmpty()) return Type.Int.S64;
        throw ctx.error(p, "$" + p.index() + " used numerically but given \"" + v + "\". Try using str($" + p.index() + ").");
    }

    public static boolean isNumber(String v) { return v.matches("-?(0x[0-9a-fA-F]+|\\d+)"); }

    private Type mapRead(Expr.MapRef m) {
        mapKeys(m);
        MapSig sig = maps.get(m.name());
        if (sig == null || sig.kind == null) {
            if (strict) throw ctx.error(m, m.name().length(), "Undefined map: " + m.name());
            return Type.Int.S64;
        }
        if (strict) checkKeys(m, sig, m.keys().stream().map(types::get).toList());
        if (sig.kind == AggKind.HIST || sig.kind == AggKind.LHIST || sig.kind == AggKind.STATS) {
            throw ctx.error(m, m.name().length(), "Can not read from a " + sig.kind.name().toLowerCase() + " map in an expression");
        }
        return sig.kind == AggKind.VALUE ? sig.value : Type.Int.S64;
    }

    /** {@code x++}: only integers, then the update itself; the value has the target's type. */
    private Type increment(Expr.Increment inc) {
        Type current = inc.target() instanceof Expr.Var v ? vars.get(v.name()) : null;
        if (current != null && !Types.isInt(current)) {
            throw ctx.error(inc, "The " + inc.op() + " operator can not be used on expressions of type '" + Types.name(current) + "'");
        }
        stmt(inc.assign());
        return expr(inc.target());
    }

    private Type variable(Expr.Var v) {
        Type t = vars.get(v.name());
        if (t == null) {
            if (strict) throw ctx.error(v, v.name().length() + 1, "Undefined or undeclared variable: $" + v.name());
            return Type.Int.S64;
        }
        return t;
    }

    Type stack(boolean user, String mode, int limit) {
        int frames = Math.min(limit, DEFAULT_STACK_FRAMES);
        if (!stackDepths.contains(frames)) stackDepths.add(frames);
        return new Type.Stack(user, mode, limit);
    }

    /** bpftrace's wording: "requires no arguments", "requires one argument", "takes up to 3 arguments". */
    void argCount(Expr.Call c, int min, int max) {
        int n = c.args().size();
        if (n >= min && n <= max) return;
        String what;
        if (min == max) what = "requires " + (min == 0 ? "no arguments" : min == 1 ? "one argument" : min + " arguments");
        else if (n < min) what = "requires at least " + (min == 1 ? "one argument" : min + " arguments");
        else what = "takes up to " + max + " argument" + (max == 1 ? "" : "s");
        throw ctx.error(c, c.name() + "() " + what + " (" + n + " provided)");
    }

    private Type binary(Expr.Binary b) {
        AggKind la = aggregates.of(b.left()), ra = aggregates.of(b.right());
        if (la != null || ra != null) {
            String ln = la != null ? AggregateReads.name(la) : Types.name(expr(b.left()));
            String rn = ra != null ? AggregateReads.name(ra) : Types.name(expr(b.right()));
            throw ctx.error(ctx.spans().operands(b), "Type mismatch for '" + b.op() + "': comparing '" + ln + "' with '" + rn + "'");
        }
        Type l = expr(b.left()), r = expr(b.right());
        boolean cmp = switch (b.op()) {
            case "==", "!=", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
        if (l instanceof Type.Str && r instanceof Type.Str && (b.op().equals("==") || b.op().equals("!="))) return Type.Int.U64;
        if (l instanceof Type.Str && r instanceof Type.Str) {
            throw ctx.error(b, b.op().length(), "The " + b.op() + " operator can not be used on expressions of types " + Types.name(l) + ", " + Types.name(r));
        }
        if (!Types.isInt(l) || !Types.isInt(r)) {
            throw ctx.error(ctx.spans().operands(b), "Type mismatch for '" + b.op() + "': comparing '" + Types.name(l) + "' with '" + Types.name(r) + "'");
        }
        if (cmp || b.op().equals("&&") || b.op().equals("||")) return Type.Int.U64;
        if (l instanceof Type.Pointer p && r instanceof Type.Int && (b.op().equals("+") || b.op().equals("-"))) return p; // scaled by the target size
        // As in bpftrace: signed only when both operands are (uint64 / 1000 stays unsigned).
        boolean signed = l instanceof Type.Int li && li.signed() && r instanceof Type.Int ri && ri.signed();
        return signed ? Type.Int.S64 : Type.Int.U64;
    }

    private Type unary(Expr.Unary u) {
        AggKind agg = aggregates.of(u.operand());
        if (agg != null && !u.op().equals("*")) {
            throw ctx.error(u, u.op().length(), "The " + u.op() + " operator can not be used on expressions of type '" + AggregateReads.name(agg) + "'");
        }
        Type t = expr(u.operand());
        if (u.op().equals("*")) {
            if (t instanceof Type.Pointer p) return p.target();
            throw ctx.error(u, "Can not dereference type '" + Types.name(t) + "'");
        }
        if (!Types.isInt(t)) throw ctx.error(u, u.op().length(), "The " + u.op() + " operator can not be used on expressions of type '" + Types.name(t) + "'");
        return u.op().equals("!") ? Type.Int.U64 : Type.Int.S64;
    }

    private Type ternary(Expr.Ternary t) {
        requireInt(t.cond(), "ternary condition");
        Type a = expr(t.then()), b = expr(t.otherwise());
        if (!Types.compatible(a, b)) throw ctx.error(t, "Ternary operator must return the same type: have '" + typeWord(a) + "' and '" + typeWord(b) + "'");
        return Types.widest(a, b);
    }

    private Type field(Expr.Field f) {
        Type t = expr(f.target());
        Type.Record shallow = t instanceof Type.Record r ? r : t instanceof Type.Pointer p && p.target() instanceof Type.Record r2 ? r2 : null;
        if (shallow == null) throw ctx.error(f, "Can not access field '" + f.field() + "' on type '" + Types.name(t) + "'");
        if (f.arrow() != t instanceof Type.Pointer && !(f.target() instanceof Expr.Builtin)) {
            throw ctx.error(f, f.arrow() ? "Can not use -> on a struct, use '.'" : "Can not access field '" + f.field() + "' on a pointer, use '->'");
        }
        Type.Record rec = structs.complete(shallow).orElseThrow(() -> ctx.error(f, "Unknown struct/union: '" + shallow.name() + "'"));
        Type.Field field = rec.field(f.field()).orElseThrow(() -> ctx.error(base(f), f, "Struct/union of type '" + (rec.name().contains(" ") ? rec.name() : "struct " + rec.name()) + "' does not contain a field named '" + f.field() + "'"));
        Type ft = field.type();
        // char arrays read as strings (tracepoint comm[16], task_struct comm, __data_loc char[])
        if (ft instanceof Type.Array a && Type.isChar(a.element())) return new Type.Str(a.length());
        if (ft instanceof Type.DataLoc) return new Type.Str(ctx.config().maxStrlen());
        return ft;
    }

    /** Whether a named type exists: "struct x" is looked up, as bpftrace does, though only its name is kept. */
    private boolean known(Type t) {
        return !(t instanceof Type.Record r && r.fields().isEmpty() && structs.struct(r.name()).isEmpty());
    }

    /** The innermost expression a chain of field accesses starts from. */
    private static Expr base(Expr e) {
        while (e instanceof Expr.Field f) e = f.target();
        return e;
    }

    private Type cast(Expr.Cast c) {
        Type target = structs.named(c.typeName()).filter(this::known).orElseThrow(() -> ctx.error(c, "Unknown struct/union: '" + c.typeName() + "'"));
        Type from = expr(c.operand());
        if (!Types.isInt(from)) throw ctx.error(c, "Casts are not supported for type: \"" + Types.name(from) + "\"");
        if (c.pointerDepth() == 0) {
            if (!(target instanceof Type.Int)) throw ctx.error(c, "Cannot cast to \"" + Types.name(target) + "\"");
            return target;
        }
        Type pointee = target instanceof Type.Record r ? new Type.Record(r.name(), List.of(), r.size()) : target;
        for (int i = 1; i < c.pointerDepth(); i++) pointee = new Type.Pointer(pointee, false);
        return new Type.Pointer(pointee, false);
    }
}
