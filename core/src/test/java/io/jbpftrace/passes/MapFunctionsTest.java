package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;

import io.jbpftrace.lang.CompileError;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Stmt;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** has_key(), len() and strcontains(): their types, the lookup has_key() makes, and their errors. */
class MapFunctionsTest {
    private static Analysis analyse(String script) {
        ProviderRegistry registry = new ProviderRegistry(List.of(new BeginEndProvider()));
        return new Compiler(registry, mock(Kernel.class)).compile("stdin", script, List.of()).analysis();
    }

    /** The type of the value assigned to $v, the script's last statement. */
    private static Type valueType(String script) {
        Analysis a = analyse(script);
        List<Stmt> stmts = a.instances().get(0).probe().body().stmts();
        Stmt.AssignVar last = (Stmt.AssignVar) stmts.get(stmts.size() - 1);
        return a.typeOf(a.instances().get(0), last.value());
    }

    private static String error(String script) {
        return assertThrows(CompileError.class, () -> analyse(script)).getMessage();
    }

    @Test void types() {
        assertEquals(Type.Int.U8, valueType("BEGIN { @m[1] = 1; $v = has_key(@m, 2); }"));
        assertEquals(Type.Int.S64, valueType("BEGIN { @m[1] = 1; $v = len(@m); }"));
        assertEquals(Type.Int.U64, valueType("BEGIN { $v = strcontains(\"ab\", \"b\"); }"));
    }

    @Test void aTupleKeyIsTheMapsSeveralKeys() {
        Expr.Call call = new Expr.Call("has_key", List.of(new Expr.MapRef("@m", List.of(), null),
                new Expr.Tuple(List.of(new Expr.IntLit(1, null), new Expr.StrLit("a", null)), null)), null);
        Expr.MapRef lookup = MapFunctions.lookupRef(call);
        assertEquals("@m", lookup.name());
        assertEquals(2, lookup.keys().size());
        valueType("BEGIN { @m[1, \"a\"] = 1; $v = has_key(@m, (1, \"b\")); }");
    }

    @Test void errors() {
        assertEquals("has_key() only accepts maps that have keys. No scalar maps e.g. `@a = 1;`", error("BEGIN { @a = 1; $v = has_key(@a, 1); }"));
        assertEquals("has_key() expects the first argument to be a map", error("BEGIN { $v = has_key(1, 1); }"));
        assertEquals("has_key() requires 2 arguments (1 provided)", error("BEGIN { @a[1] = 1; $v = has_key(@a); }"));
        assertEquals("len() expects a map to be provided", error("BEGIN { $v = len(1); }"));
        assertEquals("Undefined map: @x", error("BEGIN { $v = len(@x); }"));
        assertEquals("strcontains() only supports string arguments (integer provided)", error("BEGIN { $v = strcontains(1, \"a\"); }"));
    }
}
