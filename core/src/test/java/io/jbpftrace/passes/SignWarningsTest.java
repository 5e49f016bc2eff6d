package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.lang.ast.Pos;
import io.jbpftrace.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignWarningsTest {
    private static final Pos P = new Pos(1, 1);
    private static final Expr VAR = new Expr.Var("x", P);

    private static List<String> warn(String op, Expr left, Type lt, Expr right, Type rt) {
        return SignWarnings.messages(new Expr.Binary(op, left, right, P), lt, rt);
    }

    @Test void mixedSignsInArithmeticAndComparisons() {
        assertEquals(List.of("arithmetic on integers of different signs: 'unsigned int64' and 'int64' can lead to undefined behavior"),
                warn("+", VAR, Type.Int.U64, VAR, Type.Int.S64));
        assertEquals(List.of("comparison of integers of different signs: 'int32' and 'unsigned int8' can lead to undefined behavior"),
                warn("<", VAR, Type.Int.S32, VAR, Type.Int.U8));
        assertEquals(List.of(), warn("&", VAR, Type.Int.U64, VAR, Type.Int.S64), "bitwise operators are fine");
    }

    @Test void signedDivisionAndModulo() {
        assertEquals(List.of("signed operands for '/' can lead to undefined behavior (cast to unsigned to silence warning)"),
                warn("/", VAR, Type.Int.S64, new Expr.IntLit(2, P), Type.Int.S64));
        assertEquals(List.of("arithmetic on integers of different signs: 'unsigned int64' and 'int64' can lead to undefined behavior",
                        "signed operands for '%' can lead to undefined behavior (cast to unsigned to silence warning)"),
                warn("%", VAR, Type.Int.U64, new Expr.IntLit(-2, P), Type.Int.S64));
    }

    @Test void aNonNegativeLiteralFitsEitherSign() {
        assertEquals(List.of(), warn("/", new Expr.IntLit(7, P), Type.Int.S64, new Expr.IntLit(2, P), Type.Int.S64));
        assertEquals(List.of(), warn("==", VAR, Type.Int.U64, new Expr.IntLit(2, P), Type.Int.S64));
        assertEquals(List.of(), warn("==", VAR, Type.Int.U64, new Expr.Positional(1, P), Type.Int.S64), "pid == $1");
    }
}
