package io.jbpftrace.btf;

import static io.jbpftrace.btf.BtfKind.ENUM;
import static io.jbpftrace.btf.BtfKind.ENUM64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Enumerator values out of hand-built ENUM and ENUM64 types. */
class BtfEnumeratorTest {

    private static Btf sample(ByteOrder order) {
        BtfBuilder b = new BtfBuilder();
        b.add(ENUM, false, 2, "colour", 4, b.string("RED"), 0, b.string("BLUE"), 0xFFFFFFFE); // unsigned
        b.add(ENUM, true, 1, "", 4, b.string("MINUS_TWO"), -2);                              // anonymous, signed
        b.add(ENUM64, false, 1, "wide", 8, b.string("HUGE"), 5, 1);                          // (1 << 32) | 5
        b.add(ENUM, false, 1, "again", 4, b.string("RED"), 7);                               // a later duplicate
        return Btf.parse(b.build(order));
    }

    @Test void valuesBySignAndWidth() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Btf btf = sample(order);
            assertEquals(OptionalLong.of(0), btf.enumerator("RED"), "the first declaration wins");
            assertEquals(OptionalLong.of(0xFFFFFFFEL), btf.enumerator("BLUE"));
            assertEquals(OptionalLong.of(-2), btf.enumerator("MINUS_TWO"));
            assertEquals(OptionalLong.of((1L << 32) | 5), btf.enumerator("HUGE"));
            assertTrue(btf.enumerator("colour").isEmpty(), "type names are not enumerators");
        }
    }

    @Test void splitBlobFallsBackToItsBase() {
        BtfBuilder baseBuilder = new BtfBuilder();
        baseBuilder.add(ENUM, false, 1, "e", 4, baseBuilder.string("IN_BASE"), 3);
        Btf base = Btf.parse(baseBuilder.build(ByteOrder.LITTLE_ENDIAN));
        BtfBuilder mod = new BtfBuilder(base.typeCount(), baseBuilder.stringBytes());
        mod.add(ENUM, false, 1, "m", 4, mod.string("IN_MODULE"), 9);
        Btf split = Btf.parse(mod.build(ByteOrder.LITTLE_ENDIAN), base);
        assertEquals(OptionalLong.of(9), split.enumerator("IN_MODULE"));
        assertEquals(OptionalLong.of(3), split.enumerator("IN_BASE"));
    }
}
