package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AggregateReadsTest {
    private final Map<String, AggKind> maps = Map.of("@c", AggKind.COUNT, "@v", AggKind.VALUE);
    private final AggregateReads reads = new AggregateReads(maps::get);

    private static Expr.MapRef map(String name) { return new Expr.MapRef(name, List.of(), Pos.NONE); }

    private static Expr.Var var(String name) { return new Expr.Var(name, Pos.NONE); }

    @Test
    void aggregationMapsAndTheVariablesCopiedFromThem() {
        assertEquals(AggKind.COUNT, reads.of(map("@c")));
        assertNull(reads.of(map("@v")));
        assertNull(reads.of(map("@unknown")));
        reads.assigned(var("x"), map("@c"));
        assertEquals(AggKind.COUNT, reads.of(var("x")));
        reads.assigned(var("x"), new Expr.IntLit(1, Pos.NONE));
        assertNull(reads.of(var("x")), "reassigned an ordinary value");
        reads.assigned(var("y"), map("@c"));
        reads.clearVariables();
        assertNull(reads.of(var("y")));
    }

    @Test
    void printfNamesTheSpecifierAndTheAggregation() {
        assertEquals(Optional.of(": %s specifier expects a value of type string (count supplied)"),
                AggregateReads.printfMismatch("%d %s\n", Arrays.asList(null, AggKind.COUNT)));
        assertEquals(Optional.empty(), AggregateReads.printfMismatch("%d\n", Arrays.asList(null, AggKind.HIST)), "the count error comes first");
        assertEquals(Optional.empty(), AggregateReads.printfMismatch("%d\n", Arrays.asList((AggKind) null)));
    }
}
