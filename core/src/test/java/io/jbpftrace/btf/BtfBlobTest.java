package io.jbpftrace.btf;

import static io.jbpftrace.btf.BtfKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.types.Type;
import io.jbpftrace.types.Type.Field;
import io.jbpftrace.types.Type.Int;
import io.jbpftrace.types.Type.Pointer;
import io.jbpftrace.types.Type.Record;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every BTF kind in one hand-built blob, parsed in both byte orders. */
class BtfBlobTest {
    private static final int SIGNED = 1 << 24, BOOL = 4 << 24;
    private static final Record SHALLOW_TASK = new Record("task", List.of(), 64);

    /** Ids are fixed by the order of the add() calls; each comment names the id. */
    private static BtfBuilder sample() {
        BtfBuilder b = new BtfBuilder();
        b.add(INT, false, 0, "int", 4, SIGNED | 32);                   // 1
        b.add(INT, false, 0, "char", 1, 8);                             // 2
        b.add(INT, false, 0, "_Bool", 1, BOOL | 8);                     // 3
        b.add(INT, false, 0, "unsigned int", 4, 32);                    // 4
        b.add(PTR, false, 0, "", 0);                                    // 5 void *
        b.add(PTR, false, 0, "", 2);                                    // 6 char *
        b.add(ARRAY, false, 0, "", 0, 2, 4, 16);                        // 7 char[16]
        b.add(TYPEDEF, false, 0, "pid_t", 1);                           // 8
        b.add(CONST, false, 0, "", 8);                                  // 9 const pid_t
        b.add(VOLATILE, false, 0, "", 9);                               // 10 volatile const pid_t
        b.add(RESTRICT, false, 0, "", 5);                               // 11 void *restrict
        b.add(TYPE_TAG, false, 0, "user", 2);                           // 12 char __user
        b.add(PTR, false, 0, "", 12);                                   // 13 char __user *
        b.add(ENUM, true, 2, "color", 4, b.string("RED"), 0, b.string("BLUE"), -1); // 14 signed enum
        b.add(ENUM64, false, 1, "big", 8, b.string("HUGE"), 0, 1);      // 15
        b.add(FWD, false, 0, "opaque", 0);                              // 16
        b.add(PTR, false, 0, "", 16);                                   // 17 struct opaque *
        b.add(FLOAT, false, 0, "double", 8);                            // 18
        b.add(STRUCT, false, 2, "inner", 8, b.string("a"), 1, 0, b.string("b"), 4, 32); // 19
        b.add(UNION, false, 2, "", 8, b.string("x"), 1, 0, 0, 21, 0);   // 20 anonymous union
        b.add(STRUCT, false, 2, "", 8, b.string("lo"), 1, 0, b.string("hi"), 1, 32); // 21 anonymous struct
        b.add(STRUCT, true, 11, "task", 64,                             // 22, kind_flag: bitfield sizes
                b.string("pid"), 10, 0,
                b.string("flags"), 4, 3 << 24 | 32,
                b.string("more"), 4, 5 << 24 | 35,
                b.string("comm"), 7, 64,
                b.string("parent"), 23, 192,
                0, 20, 256,
                b.string("inner"), 19, 320,
                b.string("done"), 3, 384,
                b.string("color"), 14, 416,
                b.string("cb"), 24, 448,
                0, 4, 7 << 24 | 480);                                   // anonymous padding bitfield
        b.add(PTR, false, 0, "", 22);                                   // 23 struct task *
        b.add(PTR, false, 0, "", 25);                                   // 24 int (*)(char *, ...)
        b.add(FUNC_PROTO, false, 2, "", 1, 0, 6, 0, 0);                 // 25
        b.add(FUNC, false, 1, "do_work", 27);                           // 26 global function
        b.add(FUNC_PROTO, false, 3, "", 0,                              // 27 void (task *, char __user *, pid_t)
                b.string("t"), 23, b.string("buf"), 13, b.string("n"), 8);
        b.add(VAR, false, 0, "jiffies", 4, 1);                          // 28
        b.add(DATASEC, false, 1, ".data", 8, 28, 0, 4);                 // 29
        b.add(DECL_TAG, false, 0, "tagged", 22, -1);                    // 30
        b.add(UNION, false, 2, "u", 4, b.string("i"), 1, 0, b.string("c"), 2, 0); // 31
        b.add(STRUCT, false, 2, "legacy", 8, b.string("bits"), 33, 0, b.string("rest"), 1, 32); // 32
        b.add(INT, false, 0, "int", 4, SIGNED | 3);                     // 33 pre-kind_flag bitfield int
        b.add(STRUCT, false, 0, "dup", 0);                              // 34 empty
        b.add(STRUCT, false, 1, "dup", 4, b.string("v"), 1, 0);         // 35 same name, with members
        b.add(TYPEDEF, false, 0, "vptr", 11);                           // 36
        b.add(TYPEDEF, false, 0, "fwdp", 17);                           // 37
        b.add(TYPEDEF, false, 0, "dbl", 18);                            // 38
        b.add(TYPEDEF, false, 0, "big_t", 15);                          // 39
        b.add(TYPEDEF, false, 0, "cp", 6);                              // 40
        b.add(TYPEDEF, false, 0, "uptr", 13);                           // 41
        return b;
    }

    @ParameterizedTest @EnumSource(Order.class)
    void structWithEveryKindOfMember(Order order) {
        Btf btf = Btf.parse(sample().build(order.order));
        Record task = btf.struct("task").orElseThrow();
        assertEquals(64, task.size());
        assertEquals(List.of(
                new Field("pid", 0, Int.S32),
                new Field("comm", 8, new Type.Array(Int.S8, 16)),
                new Field("parent", 24, new Pointer(SHALLOW_TASK, false)),
                new Field("x", 32, Int.S32),           // from the anonymous union
                new Field("lo", 32, Int.S32),          // from the anonymous struct inside it
                new Field("hi", 36, Int.S32),
                new Field("inner", 40, new Record("inner", List.of(new Field("a", 0, Int.S32), new Field("b", 4, Int.U32)), 8)),
                new Field("done", 48, Int.U8),
                new Field("color", 52, Int.S32),
                new Field("cb", 56, new Pointer(Int.U64, false))), task.fields());
        assertEquals(task, btf.struct("struct task").orElseThrow());
        assertEquals(42, btf.typeCount());
    }

    @ParameterizedTest @EnumSource(Order.class)
    void typedefsResolveThroughQualifiers(Order order) {
        Btf btf = Btf.parse(sample().build(order.order));
        assertEquals(Int.S32, btf.typedef("pid_t").orElseThrow());
        assertEquals(new Pointer(Int.U8, false), btf.typedef("vptr").orElseThrow());
        assertEquals(new Pointer(new Record("opaque", List.of(), 0), false), btf.typedef("fwdp").orElseThrow());
        assertEquals(new Int(8, true), btf.typedef("dbl").orElseThrow());
        assertEquals(Int.U64, btf.typedef("big_t").orElseThrow());
        assertEquals(new Pointer(Int.S8, false), btf.typedef("cp").orElseThrow());
        assertEquals(new Pointer(Int.S8, true), btf.typedef("uptr").orElseThrow());
        assertTrue(btf.typedef("task").isEmpty());
    }

    @Test void functionPrototype() {
        Btf btf = Btf.parse(sample().build(ByteOrder.LITTLE_ENDIAN));
        assertEquals(new Btf.FuncProto("do_work", List.of(
                new Btf.FuncProto.Param("t", new Pointer(SHALLOW_TASK, false)),
                new Btf.FuncProto.Param("buf", new Pointer(Int.S8, true)),
                new Btf.FuncProto.Param("n", Int.S32)), Type.VOID), btf.function("do_work").orElseThrow());
        assertTrue(btf.function("jiffies").isEmpty());
        assertTrue(btf.function("pid_t").isEmpty());
    }

    @Test void functionIdsAndNames() {
        Btf btf = Btf.parse(sample().build(ByteOrder.BIG_ENDIAN));
        assertEquals(26, btf.functionId("do_work").orElseThrow());
        assertTrue(btf.functionId("jiffies").isEmpty(), "a VAR is not a function");
        assertEquals(List.of("do_work"), btf.functionNames());
    }

    @Test void unionsAndLookupRules() {
        Btf btf = Btf.parse(sample().build(ByteOrder.LITTLE_ENDIAN));
        Record u = new Record("u", List.of(new Field("i", 0, Int.S32), new Field("c", 0, Int.S8)), 4);
        assertEquals(u, btf.struct("union u").orElseThrow());
        assertEquals(u, btf.struct("u").orElseThrow(), "a bare name falls back to unions");
        assertTrue(btf.struct("struct u").isEmpty());
        assertTrue(btf.struct("union task").isEmpty());
        assertTrue(btf.struct("nosuch").isEmpty());
        assertTrue(btf.struct("opaque").isEmpty(), "a forward declaration has no fields to offer");
        assertEquals(List.of(new Field("v", 0, Int.S32)), btf.struct("dup").orElseThrow().fields());
        assertEquals(List.of(new Field("rest", 4, Int.S32)), btf.struct("legacy").orElseThrow().fields());
    }

    @Test void recordsAreCached() {
        Btf btf = Btf.parse(sample().build(ByteOrder.LITTLE_ENDIAN));
        assertTrue(btf.struct("task").orElseThrow() == btf.struct("struct task").orElseThrow());
    }

    @Test void splitBtfContinuesItsBase() {
        BtfBuilder baseBuilder = sample();
        Btf base = Btf.parse(baseBuilder.build(ByteOrder.LITTLE_ENDIAN));
        BtfBuilder mod = new BtfBuilder(base.typeCount(), baseBuilder.stringBytes());
        int ptr = mod.add(PTR, false, 0, "", 22);                      // to the base's struct task
        mod.add(STRUCT, false, 2, "mod_state", 16, mod.string("owner"), ptr, 0, mod.string("pid"), 8, 64);
        mod.add(STRUCT, false, 1, "task", 4, mod.string("shadow"), 1, 0); // module's own "task" wins
        Btf split = Btf.parse(mod.build(ByteOrder.LITTLE_ENDIAN), base);
        assertEquals(List.of(new Field("owner", 0, new Pointer(SHALLOW_TASK, false)), new Field("pid", 8, Int.S32)),
                split.struct("mod_state").orElseThrow().fields());
        assertEquals("shadow", split.struct("task").orElseThrow().fields().get(0).name());
        assertEquals(Int.S32, split.typedef("pid_t").orElseThrow(), "base names stay visible");
        assertEquals(base.typeCount() + 3, split.typeCount());
    }

    @Test void malformedBlobsAreRejected() {
        ByteBuffer good = sample().build(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer badMagic = copy(good);
        badMagic.putShort(0, (short) 0x1234);
        assertThrows(BtfException.class, () -> Btf.parse(badMagic));
        ByteBuffer truncated = copy(good).limit(good.limit() - 40);
        assertThrows(BtfException.class, () -> Btf.parse(truncated));
        BtfBuilder unknownKind = new BtfBuilder();
        unknownKind.add(30, false, 0, "future", 0);
        BtfException e = assertThrows(BtfException.class, () -> Btf.parse(unknownKind.build(ByteOrder.LITTLE_ENDIAN)));
        assertTrue(e.getMessage().contains("unknown BTF kind 30"), e.getMessage());
        assertThrows(BtfException.class, () -> Btf.parse(ByteBuffer.allocate(8)));
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.limit()).put(b.duplicate());
        return c.flip();
    }

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);
        final ByteOrder order;
        Order(ByteOrder order) { this.order = order; }
    }
}
