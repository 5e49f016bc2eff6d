package io.jbpftrace.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedFormatTest {

    @Test
    void writesOneSortedLinePerStackRootFirst() {
        StackProfile p = new StackProfile()
                .add(List.of(Frame.key("sh"), Frame.user("main"), Frame.user("work")), 5)
                .add(List.of(Frame.key("bash"), Frame.user("main")), 2)
                .add(List.of(Frame.key("sh"), Frame.user("main")), 1);
        assertEquals("bash;main 2\nsh;main 1\nsh;main;work 5\n", FoldedFormat.render(p));
    }

    @Test
    void mergesIdenticalStacks() {
        StackProfile p = new StackProfile()
                .add(List.of(Frame.user("main"), Frame.user("a")), 3)
                .add(List.of(Frame.user("main"), Frame.user("a")), 4);
        assertEquals(1, p.stacks().size());
        assertEquals(7, p.total());
        assertEquals("main;a 7\n", FoldedFormat.render(p));
    }

    @Test
    void stacksThatOnlyDifferInKindMergeByName() {
        StackProfile p = new StackProfile().add(List.of(Frame.key("x")), 1).add(List.of(Frame.user("x")), 2);
        assertEquals("x 3\n", FoldedFormat.render(p));
    }

    @Test
    void separatorsInNamesCannotSplitAFrame() {
        StackProfile p = new StackProfile().add(List.of(Frame.user("a;b"), Frame.user("c\nd")), 1);
        assertEquals("a:b;c d 1\n", FoldedFormat.render(p));
    }

    @Test
    void emptyStacksAndNonPositiveWeights() {
        StackProfile p = new StackProfile().add(List.of(), 2).add(List.of(Frame.user("f")), 0).add(List.of(Frame.user("g")), -3);
        assertEquals("[unknown] 2\n", FoldedFormat.render(p));
        assertEquals("", FoldedFormat.render(new StackProfile()));
    }
}
