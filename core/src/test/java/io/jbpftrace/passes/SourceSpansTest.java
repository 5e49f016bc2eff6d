package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.lang.ScriptParser;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Stmt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Underlined ranges follow bpftrace 0.17's locations, quirks included. */
class SourceSpansTest {

    private static Stmt firstStmt(String script) {
        return ScriptParser.parse("stdin", script).probes().get(0).body().stmts().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // script                          | start | length
        "BEGIN { $x = \"a\" == 1; }        | 1:14  | 8",   // whole "a" == 1
        "BEGIN { $x = (\"a\" == 1); }      | 1:14  | 9",   // a string right after '(' starts at it
        "BEGIN { $x = (1 + 2) == \"a\"; }  | 1:17  | 11",  // a nested operation is its operator
        "BEGIN { $x = 1 + \"a\" == 1; }    | 1:16  | 10",  // from the inner '+' to the 1
    })
    void operandsOfTheOutermostOperation(String script, String start, int length) {
        Expr.Binary b = (Expr.Binary) ((Stmt.AssignVar) firstStmt(script.strip())).value();
        SourceSpans.Span span = new SourceSpans(script.strip()).operands(b);
        assertEquals(start, span.start().toString());
        assertEquals(length, span.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN { $x = (uint8)\"str\"; } | 7",
        "BEGIN { unroll(200) { } }      | 11",
    })
    void castsAndUnrolls(String script, int length) {
        Stmt s = firstStmt(script.strip());
        var node = s instanceof Stmt.AssignVar a ? a.value() : s;
        assertEquals(length, new SourceSpans(script.strip()).length(node));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BEGIN { $y = $x[0]; } | 5", "BEGIN { $y = $x[$i + 1]; } | 10"})
    void anIndexRunsFromItsTargetToTheClosingBracket(String script, int length) {
        Expr.Index ix = (Expr.Index) ((Stmt.AssignVar) firstStmt(script.strip())).value();
        assertEquals(length, new SourceSpans(script.strip()).length(ix.target(), ix));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN {} BEGIN {}   | 1:9  | 6",
        "BEGIN {}BEGIN {}    | 1:9  | 5",
    })
    void aFirstAttachPointIncludesTheBlanksBeforeIt(String script, String start, int length) {
        var node = ScriptParser.parse("stdin", script.strip()).probes().get(1).attachPoints().get(0);
        SourceSpans.Span span = new SourceSpans(script.strip()).attachPoint(node, 5);
        assertEquals(start, span.start().toString());
        assertEquals(length, span.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BEGIN { $x = 1; } | 1:12", "BEGIN { $xy   = 1; } | 1:15"})
    void aVariableAssignmentIsAtItsEqualsSign(String script, String pos) {
        assertEquals(pos, new SourceSpans(script.strip()).assignOperator((Stmt.AssignVar) firstStmt(script.strip())).toString());
    }
}
