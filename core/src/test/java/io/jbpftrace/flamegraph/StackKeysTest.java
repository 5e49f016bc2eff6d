package io.jbpftrace.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.symbols.StackTrace;
import io.jbpftrace.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackKeysTest {
    static final Type.Stack KSTACK = new Type.Stack(false, "bpftrace", 127);
    static final Type.Stack USTACK = new Type.Stack(true, "bpftrace", 127);
    static final Type COMM = new Type.Str(16);

    /** A stack as bpftrace holds it: innermost frame first. */
    static StackTrace stack(String... innermostFirst) {
        return new StackTrace(java.util.Arrays.stream(innermostFirst).map(s -> new StackTrace.Frame(0x1000, s)).toList(), "bpftrace");
    }

    static MapEntry count(long n, Object... key) { return new MapEntry(List.of(key), new MapValue.Int(n, false)); }

    @Test
    void kernelStackIsReversedToRootFirstWithoutOffsets() {
        StackProfile p = StackKeys.profile(List.of(KSTACK), List.of(count(4, stack("native_safe_halt+5", "default_idle+9", "do_idle+170"))));
        assertEquals(List.of(Frame.kernel("do_idle"), Frame.kernel("default_idle"), Frame.kernel("native_safe_halt")),
                p.stacks().keySet().iterator().next());
        assertEquals(4, p.total());
    }

    @Test
    void nonStackKeyPartsBecomeRootFramesInKeyOrder() {
        StackProfile p = StackKeys.profile(List.of(USTACK, COMM, new Type.Int(8, false)),
                List.of(count(2, stack("work+3", "main+20"), "app", 42L)));
        assertEquals("app;42;main;work 2\n", FoldedFormat.render(p));
        assertEquals(Frame.Kind.KEY, p.stacks().keySet().iterator().next().get(0).kind());
        assertEquals(Frame.Kind.USER, p.stacks().keySet().iterator().next().get(3).kind());
    }

    @Test
    void userFramesCallIntoKernelFrames() {
        StackProfile p = StackKeys.profile(List.of(KSTACK, COMM, USTACK),
                List.of(count(1, stack("ksys_read+10", "do_syscall_64+80"), "cat", stack("read+4", "main+9"))));
        assertEquals("cat;main;read;do_syscall_64;ksys_read 1\n", FoldedFormat.render(p));
    }

    @Test
    void identicalStacksAfterDroppingOffsetsMerge() {
        StackProfile p = StackKeys.profile(List.of(USTACK), List.of(
                count(3, stack("spin+4", "main+1")), count(5, stack("spin+12", "main+1")), count(1, stack("0x7f00aa", "main+1"))));
        assertEquals("main;0x7f00aa 1\nmain;spin 8\n", FoldedFormat.render(p));
    }

    @Test
    void tupleKeysAreFlattenedAndSumsAreWeights() {
        Type.Tuple tuple = new Type.Tuple(List.of(COMM, KSTACK));
        StackProfile p = StackKeys.profile(List.of(tuple), List.of(
                new MapEntry(List.of(List.of("dd", stack("f"))), new MapValue.Int(4096, true))));
        assertEquals("dd;f 4096\n", FoldedFormat.render(p));
    }

    @Test
    void knowsWhichKeysHoldAStack() {
        assertTrue(StackKeys.hasStack(List.of(COMM, USTACK)));
        assertTrue(StackKeys.hasStack(List.of(new Type.Tuple(List.of(KSTACK)))));
        assertFalse(StackKeys.hasStack(List.of(COMM)));
        assertFalse(StackKeys.hasStack(List.of()));
    }

    @Test
    void withoutOffsetKeepsAddressesAndNames() {
        assertEquals("f", StackKeys.withoutOffset("f+12"));
        assertEquals("f", StackKeys.withoutOffset("f+0x1c"));
        assertEquals("0x7fff1234", StackKeys.withoutOffset("0x7fff1234"));
        assertEquals("operator+", StackKeys.withoutOffset("operator+"));
    }
}
