package io.jbpftrace.lang.parser;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.AttachPointNode;
import io.jbpftrace.lang.ast.Block;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Node;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Probe;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.lang.ast.StructDef;
import io.jbpftrace.lang.parser.BpfTraceParser.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into the immutable AST. It only builds: syntax errors were reported by the
 * parser already; the errors raised here are about token contents (bad escapes, huge integers).
 */
public final class AstBuilder extends BpfTraceParserBaseVisitor<Node> {
    private final String fileName;
    private final String source;

    public AstBuilder(String fileName, String source) {
        this.fileName = fileName;
        this.source = source;
    }

    public Program buildProgram(ProgramContext ctx) {
        List<String> includes = new ArrayList<>();
        List<StructDef> structs = new ArrayList<>();
        for (TopItemContext item : ctx.topItem()) {
            if (item.structDef() != null) structs.add(structDef(item.structDef()));
            else include(item.PREPROC().getText()).ifPresent(includes::add);
        }
        Map<String, Expr> config = new LinkedHashMap<>();
        if (ctx.config() != null) {
            for (ConfigEntryContext e : ctx.config().configEntry()) config.put(e.IDENT().getText(), expr(e.expr()));
        }
        List<Probe> probes = ctx.probe().stream().map(this::probe).toList();
        return new Program(fileName, source, List.copyOf(includes), List.copyOf(structs),
                Collections.unmodifiableMap(config), probes);
    }

    /** The target of an {@code #include} line without its brackets or quotes; other directives are dropped. */
    private static java.util.Optional<String> include(String line) {
        String rest = line.substring(1).strip();
        if (!rest.startsWith("include")) return java.util.Optional.empty();
        rest = rest.substring("include".length()).strip();
        if (rest.length() >= 2 && (rest.startsWith("<") || rest.startsWith("\""))) {
            int end = rest.indexOf(rest.charAt(0) == '<' ? '>' : '"', 1);
            if (end > 0) return java.util.Optional.of(rest.substring(1, end));
        }
        return java.util.Optional.of(rest);
    }

    private StructDef structDef(StructDefContext ctx) {
        List<StructDef.FieldDecl> fields = new ArrayList<>();
        for (FieldDeclContext f : ctx.fieldDecl()) {
            int length = f.INT() == null ? 0 : (int) intValue(f.INT().getSymbol());
            fields.add(new StructDef.FieldDecl(cTypeName(f.cType()), f.STAR().size(), f.name.getText(), length, pos(f)));
        }
        return new StructDef(ctx.name.getText(), List.copyOf(fields), pos(ctx));
    }

    private static String cTypeName(CTypeContext ctx) {
        return ctx.children.stream().map(c -> c.getText()).reduce((a, b) -> a + " " + b).orElse("");
    }

    private Probe probe(ProbeContext ctx) {
        List<AttachPointNode> points = ctx.attachPoint().stream()
                .map(a -> new AttachPointNode(a.getText(), pos(a))).toList();
        Expr predicate = ctx.predicate() == null ? null : expr(ctx.predicate().expr());
        return new Probe(points, predicate, block(ctx.block()), pos(ctx));
    }

    // ------------------------------------------------------------------ statements

    private Block block(BlockContext ctx) {
        List<Stmt> out = new ArrayList<>();
        // stmts is right-recursive (so every decision is LL(1)); walk it as a list.
        for (StmtsContext s = ctx.stmts(); s != null; s = s.stmts()) {
            if (s.compoundStmt() != null) out.add((Stmt) visit(s.compoundStmt()));
            else if (s.simpleStmt() != null) {
                Stmt stmt = (Stmt) visit(s.simpleStmt());
                if (stmt != null) out.add(stmt);
            }
        }
        return new Block(List.copyOf(out), pos(ctx));
    }

    @Override public Node visitIfCompound(IfCompoundContext ctx) { return ifStmt(ctx.ifStmt()); }

    private Stmt.If ifStmt(IfStmtContext ctx) {
        Block otherwise = null;
        if (ctx.ELSE() != null) {
            otherwise = ctx.ifStmt() != null
                    ? new Block(List.of(ifStmt(ctx.ifStmt())), pos(ctx.ifStmt()))
                    : block(ctx.block(1));
        }
        return new Stmt.If(expr(ctx.expr()), block(ctx.block(0)), otherwise, pos(ctx));
    }

    @Override public Node visitUnrollStmt(UnrollStmtContext ctx) {
        return new Stmt.Unroll(expr(ctx.expr()), block(ctx.block()), pos(ctx));
    }

    @Override public Node visitWhileStmt(WhileStmtContext ctx) {
        return new Stmt.While(expr(ctx.expr()), block(ctx.block()), pos(ctx));
    }

    @Override public Node visitForStmt(ForStmtContext ctx) {
        Expr.Var var = var(ctx.VAR().getSymbol());
        return new Stmt.For(var, mapRef(ctx.mapRef()), block(ctx.block()), pos(ctx));
    }

    @Override public Node visitAssignStmt(AssignStmtContext ctx) {
        Token op = ctx.op.getStart();
        Expr value = expr(ctx.expr());
        String text = op.getText();
        if (!text.equals("=")) {
            Expr current = lvalue(ctx.lvalue());
            value = new Expr.Binary(text.substring(0, text.length() - 1), current, value, pos(op));
        }
        return assign(ctx.lvalue(), value, pos(ctx));
    }

    @Override public Node visitLetStmt(LetStmtContext ctx) {
        // A bare "let $x" declares without assigning: the AST has no node for it and scratch
        // variables need no declaration, so it produces no statement.
        if (ctx.expr() == null) return null;
        return new Stmt.AssignVar(var(ctx.VAR().getSymbol()), expr(ctx.expr()), pos(ctx));
    }

    @Override public Node visitPreIncrement(PreIncrementContext ctx) {
        return increment(ctx.lvalue(), ctx.op, true, pos(ctx));
    }

    @Override public Node visitPostIncrement(PostIncrementContext ctx) {
        return increment(ctx.lvalue(), ctx.op, false, pos(ctx));
    }

    /** {@code x++} carries its update written out: {@code x = x + 1}. */
    private Expr.Increment increment(LvalueContext target, Token op, boolean prefix, Pos pos) {
        String binaryOp = op.getType() == BpfTraceParser.INCREMENT ? "+" : "-";
        Expr current = lvalue(target);
        Expr value = new Expr.Binary(binaryOp, current, new Expr.IntLit(1, pos(op)), pos(op));
        return new Expr.Increment(current, op.getText(), prefix, assign(target, value, pos), pos);
    }

    private Stmt assign(LvalueContext target, Expr value, Pos pos) {
        Expr t = lvalue(target);
        if (t instanceof Expr.MapRef map) return new Stmt.AssignMap(map, value, pos);
        return new Stmt.AssignVar((Expr.Var) t, value, pos);
    }

    private Expr lvalue(LvalueContext ctx) {
        return ctx.mapRef() != null ? mapRef(ctx.mapRef()) : var(ctx.VAR().getSymbol());
    }

    @Override public Node visitBreakStmt(BreakStmtContext ctx) { return new Stmt.Break(pos(ctx)); }

    @Override public Node visitContinueStmt(ContinueStmtContext ctx) { return new Stmt.Continue(pos(ctx)); }

    @Override public Node visitReturnStmt(ReturnStmtContext ctx) { return new Stmt.Return(pos(ctx)); }

    @Override public Node visitExprStmt(ExprStmtContext ctx) {
        return new Stmt.ExprStmt(expr(ctx.expr()), pos(ctx));
    }

    // ------------------------------------------------------------------ expressions

    private Expr expr(ParserRuleContext ctx) { return (Expr) visit(ctx); }

    @Override public Node visitExpr(ExprContext ctx) { return visit(ctx.conditional()); }

    @Override public Node visitConditional(ConditionalContext ctx) {
        Expr cond = expr(ctx.logicalOr());
        if (ctx.QUESTION() == null) return cond;
        return new Expr.Ternary(cond, expr(ctx.expr()), expr(ctx.conditional()), pos(ctx));
    }

    /** Every binary level has the shape "operand (op operand)*": fold it to the left. */
    private Expr leftFold(List<? extends ParserRuleContext> operands, List<Token> ops) {
        Expr result = expr(operands.get(0));
        for (int i = 0; i < ops.size(); i++) {
            Token op = ops.get(i);
            result = new Expr.Binary(op.getText(), result, expr(operands.get(i + 1)), pos(op));
        }
        return result;
    }

    @Override public Node visitLogicalOr(LogicalOrContext ctx) { return leftFold(ctx.logicalAnd(), ctx.ops); }
    @Override public Node visitLogicalAnd(LogicalAndContext ctx) { return leftFold(ctx.bitOr(), ctx.ops); }
    @Override public Node visitBitOr(BitOrContext ctx) { return leftFold(ctx.bitXor(), ctx.ops); }
    @Override public Node visitBitXor(BitXorContext ctx) { return leftFold(ctx.bitAnd(), ctx.ops); }
    @Override public Node visitBitAnd(BitAndContext ctx) { return leftFold(ctx.equality(), ctx.ops); }
    @Override public Node visitEquality(EqualityContext ctx) { return leftFold(ctx.relational(), ctx.ops); }
    @Override public Node visitRelational(RelationalContext ctx) { return leftFold(ctx.shift(), ctx.ops); }
    @Override public Node visitShift(ShiftContext ctx) { return leftFold(ctx.additive(), ctx.ops); }
    @Override public Node visitAdditive(AdditiveContext ctx) { return leftFold(ctx.multiplicative(), ctx.ops); }
    @Override public Node visitMultiplicative(MultiplicativeContext ctx) { return leftFold(ctx.castExpr(), ctx.ops); }

    @Override public Node visitCast(CastContext ctx) {
        CastTypeContext type = ctx.castType();
        return new Expr.Cast(typeName(type), type.STAR().size(), expr(ctx.castExpr()), pos(ctx));
    }

    @Override public Node visitNotCast(NotCastContext ctx) { return visit(ctx.unary()); }

    @Override public Node visitPrefixOp(PrefixOpContext ctx) {
        Expr operand = expr(ctx.castExpr());
        // "-5" is one integer, as in bpftrace; it also lets INT64_MIN be written.
        if (ctx.op.getType() == BpfTraceParser.MINUS && operand instanceof Expr.IntLit lit) {
            return new Expr.IntLit(-lit.value(), pos(ctx.op));
        }
        return new Expr.Unary(ctx.op.getText(), operand, pos(ctx.op));
    }

    @Override public Node visitPlainPostfix(PlainPostfixContext ctx) { return visit(ctx.postfix()); }

    @Override public Node visitPostfix(PostfixContext ctx) {
        Expr result = expr(ctx.primary());
        for (PostfixOpContext op : ctx.postfixOp()) {
            Pos at = pos(op);
            if (op instanceof TupleIndexOpContext t) {
                result = new Expr.TupleIndex(result, (int) intValue(t.INT().getSymbol()), at);
            } else if (op instanceof DotOpContext d) {
                result = new Expr.Field(result, d.fieldName().getText(), false, at);
            } else if (op instanceof ArrowOpContext a) {
                result = new Expr.Field(result, a.fieldName().getText(), true, at);
            } else {
                result = new Expr.Index(result, expr(((IndexOpContext) op).expr()), at);
            }
        }
        return result;
    }

    @Override public Node visitIntLit(IntLitContext ctx) {
        return new Expr.IntLit(intValue(ctx.INT().getSymbol()), pos(ctx));
    }

    @Override public Node visitStrLit(StrLitContext ctx) {
        return new Expr.StrLit(unescape(ctx.STRING().getSymbol()), pos(ctx));
    }

    @Override public Node visitParam(ParamContext ctx) {
        Token t = ctx.PARAM().getSymbol();
        long n;
        try {
            n = Long.parseLong(t.getText().substring(1));
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw error(t, "param " + t.getText() + " is out of integer range [1, " + Integer.MAX_VALUE + "]");
        }
        return new Expr.Positional((int) n, pos(ctx));
    }

    @Override public Node visitParamCount(ParamCountContext ctx) { return new Expr.PositionalCount(pos(ctx)); }

    @Override public Node visitMapExpr(MapExprContext ctx) { return mapRef(ctx.mapRef()); }

    @Override public Node visitVarExpr(VarExprContext ctx) { return var(ctx.VAR().getSymbol()); }

    @Override public Node visitSizeofType(SizeofTypeContext ctx) {
        return new Expr.Sizeof(typeName(ctx.castType()), ctx.castType().STAR().size(), null, pos(ctx));
    }

    @Override public Node visitSizeofExpr(SizeofExprContext ctx) {
        return new Expr.Sizeof(null, 0, expr(ctx.expr()), pos(ctx));
    }

    @Override public Node visitOffsetofExpr(OffsetofExprContext ctx) {
        return new Expr.Offsetof(typeName(ctx.castType()), ctx.fieldName().getText(), pos(ctx));
    }

    @Override public Node visitCall(CallContext ctx) {
        List<Expr> args = ctx.expr().stream().map(this::expr).toList();
        return new Expr.Call(ctx.IDENT().getText(), args, pos(ctx));
    }

    @Override public Node visitBuiltin(BuiltinContext ctx) { return new Expr.Builtin(ctx.getText(), pos(ctx)); }

    @Override public Node visitParenOrTuple(ParenOrTupleContext ctx) {
        if (ctx.expr().size() == 1) return visit(ctx.expr(0));
        return new Expr.Tuple(ctx.expr().stream().map(this::expr).toList(), pos(ctx));
    }

    private Expr.MapRef mapRef(MapRefContext ctx) {
        List<Expr> keys = ctx.expr().stream().map(this::expr).toList();
        return new Expr.MapRef(ctx.MAP().getText(), keys, pos(ctx));
    }

    private static Expr.Var var(Token t) { return new Expr.Var(t.getText().substring(1), pos(t)); }

    /** "struct task_struct" or "uint8" — words joined by one space, stars counted separately. */
    private static String typeName(CastTypeContext ctx) {
        StringBuilder name = new StringBuilder();
        for (var child : ctx.children) {
            if (child instanceof TerminalNode tn && tn.getSymbol().getType() == BpfTraceParser.STAR) continue;
            if (!name.isEmpty()) name.append(' ');
            name.append(child.getText());
        }
        return name.toString();
    }

    // ------------------------------------------------------------------ token contents

    /** Decimal, hex, octal ("017"), with '_' separators, "1e6" exponents and u/l suffixes. */
    long intValue(Token t) {
        String text = t.getText().replace("_", "").replaceAll("[uUlL]+$", "");
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) return Long.parseUnsignedLong(text.substring(2), 16);
            int e = text.indexOf('e') >= 0 ? text.indexOf('e') : text.indexOf('E');
            if (e >= 0) {
                long mantissa = Long.parseUnsignedLong(text.substring(0, e));
                int exponent = Integer.parseInt(text.substring(e + 1));
                if (exponent > 18) throw error(t, "Exponent will overflow integer range: " + exponent);
                return Math.multiplyExact(mantissa, (long) Math.pow(10, exponent));
            }
            if (text.length() > 1 && text.startsWith("0")) return Long.parseUnsignedLong(text.substring(1), 8);
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException | ArithmeticException ex) {
            throw error(t, "integer " + t.getText() + " is out of range or malformed");
        }
    }

    /** C escapes: \n \t \r \" \\ \' \xHH and octal \NNN (so \0 is a NUL). */
    String unescape(Token t) {
        String s = t.getText();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case 'x' -> {
                    int end = i + 1;
                    while (end < s.length() - 1 && end < i + 3 && Character.digit(s.charAt(end), 16) >= 0) end++;
                    if (end == i + 1) throw escapeError(t, i - 1, "\\x");
                    out.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (n < '0' || n > '7') throw escapeError(t, i - 1, "\\" + n);
                    int end = i;
                    while (end < s.length() - 1 && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') end++;
                    int value = Integer.parseInt(s.substring(i, end), 8);
                    if (value > 0xff) throw escapeError(t, i - 1, s.substring(i - 1, end));
                    out.append((char) value);
                    i = end - 1;
                }
            }
        }
        return out.toString();
    }

    private CompileError escapeError(Token t, int offset, String escape) {
        Pos at = new Pos(t.getLine(), t.getCharPositionInLine() + 1 + offset);
        return new CompileError(fileName, source, at, escape.length(), "invalid escape character '" + escape + "'");
    }

    private CompileError error(Token t, String message) {
        return new CompileError(fileName, source, pos(t), t.getText().length(), message);
    }

    private static Pos pos(ParserRuleContext ctx) { return pos(ctx.getStart()); }

    private static Pos pos(Token t) { return new Pos(t.getLine(), t.getCharPositionInLine() + 1); }
}
