package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** for ($kv : @map): what $kv holds, which maps iterate, and the loop's variable scope. */
class ForLoopAnalysisTest {
    private static Analysis analyse(String script) {
        ProviderRegistry registry = new ProviderRegistry(List.of(new BeginEndProvider()));
        return new Compiler(registry, mock(Kernel.class)).compile("stdin", script, List.of()).analysis();
    }

    private static Type loopVariable(String script) {
        Analysis a = analyse(script);
        Stmt.For f = (Stmt.For) a.instances().get(0).probe().body().stmts().stream()
                .filter(s -> s instanceof Stmt.For).findFirst().orElseThrow();
        return a.typeOf(a.instances().get(0), f.var());
    }

    private static String error(String script) {
        return assertThrows(CompileError.class, () -> analyse(script)).getMessage();
    }

    @Test void elementIsKeyAndValue() {
        assertEquals(new Type.Tuple(List.of(Type.Int.S64, new Type.Str(4))),
                loopVariable("BEGIN { @m[1] = \"abc\"; for ($kv : @m) { print($kv.1); } }"));
    }

    @Test void severalKeysNestAsATuple() {
        Type keys = new Type.Tuple(List.of(Type.Int.S64, new Type.Str(2)));
        assertEquals(new Type.Tuple(List.of(keys, Type.Int.S64)),
                loopVariable("BEGIN { @m[1, \"a\"] = count(); for ($kv : @m) { print($kv.0.1); } }"));
    }

    @Test void bodyVariablesEndWithTheLoopButOuterOnesStay() {
        assertTrue(error("BEGIN { @m[1] = 1; for ($kv : @m) { $x = 1; } print($x); }")
                .contains("Undefined or undeclared variable: $x"));
        assertTrue(error("BEGIN { @m[1] = 1; for ($kv : @m) { } print($kv); }")
                .contains("Undefined or undeclared variable: $kv"));
        analyse("BEGIN { $n = 0; @m[1] = 1; for ($kv : @m) { $n += $kv.1; } print($n); }");
    }

    @Test void breakAndContinueBelongToTheLoop() {
        analyse("BEGIN { @m[1] = 1; for ($kv : @m) { if ($kv.1) { continue; } break; } }");
    }

    @Test void refusals() {
        assertEquals("Loop expression does not support type: hist", MapIteration.refusal(AggKind.HIST, List.of(Type.Int.S64)).orElseThrow());
        assertEquals("Loop expression does not support type: avg", MapIteration.refusal(AggKind.AVG, List.of(Type.Int.S64)).orElseThrow());
        assertEquals("Maps used as for-loop expressions must have keys to iterate over", MapIteration.refusal(AggKind.VALUE, List.of()).orElseThrow());
        assertTrue(MapIteration.refusal(AggKind.MAX, List.of(Type.Int.S64)).isEmpty());
    }
}
