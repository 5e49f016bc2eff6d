package io.jbpftrace.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.lang.ast.Program;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.lang.parser.BpfTraceLexer;
import io.jbpftrace.lang.parser.BpfTraceParser;
import io.jbpftrace.lang.parser.SyntaxErrorStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptParserTest {

    private static Stmt onlyStmt(String body) {
        Program p = ScriptParser.parse("stdin", "BEGIN { " + body + " }");
        List<Stmt> stmts = p.probes().get(0).body().stmts();
        assertEquals(1, stmts.size());
        return stmts.get(0);
    }

    private static Expr valueOf(String expr) {
        return ((Stmt.AssignVar) onlyStmt("$v = " + expr)).value();
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, valueOf("1 + 2 * 3"));
        assertEquals("+", plus.op());
        assertEquals("*", assertInstanceOf(Expr.Binary.class, plus.right()).op());
    }

    @Test
    void logicalAndBindsTighterThanOr() {
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, valueOf("a && b || c"));
        assertEquals("||", or.op());
        assertEquals("&&", assertInstanceOf(Expr.Binary.class, or.left()).op());
    }

    @Test
    void notAppliesBeforeEquality() {
        Expr.Binary eq = assertInstanceOf(Expr.Binary.class, valueOf("!a == b"));
        assertEquals("==", eq.op());
        assertEquals("!", assertInstanceOf(Expr.Unary.class, eq.left()).op());
    }

    @Test
    void negatedVariableIsUnaryButNegatedLiteralIsOneInteger() {
        assertEquals("-", assertInstanceOf(Expr.Unary.class, valueOf("-x")).op());
        assertEquals(Long.MIN_VALUE, assertInstanceOf(Expr.IntLit.class, valueOf("-9223372036854775808")).value());
    }

    @Test
    void parenthesisedNameIsNotACastUnlessItIsAType() {
        assertInstanceOf(Expr.Binary.class, valueOf("(pid) - 1"));
        Expr.Cast cast = assertInstanceOf(Expr.Cast.class, valueOf("(uint8) - 1"));
        assertEquals("uint8", cast.typeName());
        Expr.Cast pointer = assertInstanceOf(Expr.Cast.class, valueOf("(sock *)arg0"));
        assertEquals(1, pointer.pointerDepth());
    }

    @Test
    void parenthesisedNonBuiltinNameIsACastAsInBpftrace() {
        assertEquals("foo", assertInstanceOf(Expr.Cast.class, valueOf("(foo)1")).typeName());
        assertEquals("foo", assertInstanceOf(Expr.Cast.class, valueOf("(foo)-1")).typeName());
        assertInstanceOf(Expr.Binary.class, valueOf("(comm) + 1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN { @x[1 = 2; }          | syntax error, unexpected =, expecting ] or \",\"",
        "BEGIN { @x = @y[1 = 2]; }    | syntax error, unexpected =, expecting ] or \",\"",
        "BEGIN { printf(\"a\" = 2); } | syntax error, unexpected =, expecting ) or \",\"",
        "BEGIN { if (1 = 2) {} }      | syntax error, unexpected =, expecting )",
    })
    void anOperandInsideBracketsExpectsTheCloserOrAComma(String script, String message) {
        assertEquals(message, assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", script.strip())).getMessage());
    }

    @Test
    void compoundAssignmentIsDesugared() {
        Stmt.AssignMap s = assertInstanceOf(Stmt.AssignMap.class, onlyStmt("@x[1, 2] <<= 3"));
        Expr.Binary value = assertInstanceOf(Expr.Binary.class, s.value());
        assertEquals("<<", value.op());
        assertEquals(s.target(), value.left());
        assertEquals(2, s.target().keys().size());
    }

    @Test
    void incrementCarriesItsDesugaredUpdate() {
        Stmt.ExprStmt stmt = assertInstanceOf(Stmt.ExprStmt.class, onlyStmt("$i--"));
        Expr.Increment inc = assertInstanceOf(Expr.Increment.class, stmt.expr());
        assertFalse(inc.prefix());
        Stmt.AssignVar s = assertInstanceOf(Stmt.AssignVar.class, inc.assign());
        Expr.Binary value = assertInstanceOf(Expr.Binary.class, s.value());
        assertEquals("-", value.op());
        assertSame(inc.target(), value.left());
        assertEquals(1, assertInstanceOf(Expr.IntLit.class, value.right()).value());
    }

    @Test
    void incrementsAreExpressions() {
        Expr.Binary sum = assertInstanceOf(Expr.Binary.class, valueOf("@a[1]++ + ++$x"));
        Expr.Increment post = assertInstanceOf(Expr.Increment.class, sum.left());
        assertFalse(post.prefix());
        assertInstanceOf(Stmt.AssignMap.class, post.assign());
        Expr.Increment pre = assertInstanceOf(Expr.Increment.class, sum.right());
        assertTrue(pre.prefix());
        assertEquals("++", pre.op());
    }

    @Test
    void bareLetProducesNoStatement() {
        Program p = ScriptParser.parse("stdin", "BEGIN { let $x; let $y = 2; }");
        assertEquals(1, p.probes().get(0).body().stmts().size());
    }

    @Test
    void ifWithoutElseHasNullOtherwise() {
        assertNull(assertInstanceOf(Stmt.If.class, onlyStmt("if (1) { exit() }")).otherwise());
    }

    @Test
    void positionsAreOneBased() {
        Program p = ScriptParser.parse("x.bt", "\n  kprobe:f { @a = 1 }");
        assertEquals(new Pos(2, 3), p.probes().get(0).attachPoints().get(0).pos());
        assertEquals(new Pos(2, 14), p.probes().get(0).body().stmts().get(0).pos());
    }

    @Test
    void errorsNameTheFileAndPrintNothing() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured));
        try {
            CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("tool.bt", "BEGIN {\n  @x = (1;\n}"));
            assertEquals(new Pos(2, 10), e.pos());
            assertTrue(e.format().startsWith("tool.bt:2:10: ERROR: syntax error, unexpected ;"), e.format());
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString());
    }

    @Test
    void emptyScriptIsAnError() {
        CompileError e = assertThrows(CompileError.class, () -> ScriptParser.parse("stdin", "// nothing\n"));
        assertTrue(e.getMessage().startsWith("syntax error, unexpected end of file"), e.getMessage());
    }

    @Test
    void goldenScriptsNeedNoFullContextFallback() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/golden").toURI());
        try (var files = Files.list(dir)) {
            for (Path bt : files.filter(f -> f.toString().endsWith(".bt")).toList()) {
                BpfTraceLexer lexer = new BpfTraceLexer(CharStreams.fromPath(bt));
                lexer.removeErrorListeners();
                BpfTraceParser parser = new BpfTraceParser(new CommonTokenStream(lexer));
                parser.removeErrorListeners();
                parser.setErrorHandler(new SyntaxErrorStrategy());
                parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                parser.program(); // throws SyntaxError if SLL alone could not parse it
            }
        }
    }

    @Test
    void objectLikeMacrosExpandWhereTheyAreUsed() {
        Program p = ScriptParser.parse("stdin", "#define N 5\n#define TWICE (N * 2) // comment\n#define F(x) x\nBEGIN { $v = TWICE + N; }");
        Stmt.AssignVar s = (Stmt.AssignVar) p.probes().get(0).body().stmts().get(0);
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, s.value());
        Expr.Binary times = assertInstanceOf(Expr.Binary.class, plus.left());
        assertEquals(5, assertInstanceOf(Expr.IntLit.class, times.left()).value());
        assertEquals(new Pos(4, 14), times.left().pos()); // where TWICE was written
        assertEquals(5, assertInstanceOf(Expr.IntLit.class, plus.right()).value());
    }

    @Test
    void aMacroIsNotExpandedInsideItself() {
        Program p = ScriptParser.parse("stdin", "#define X X + 1\nBEGIN { $v = X; }");
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, ((Stmt.AssignVar) p.probes().get(0).body().stmts().get(0)).value());
        assertEquals("X", assertInstanceOf(Expr.Builtin.class, plus.left()).name());
    }
}
