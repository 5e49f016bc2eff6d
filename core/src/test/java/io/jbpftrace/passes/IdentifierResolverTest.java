package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.types.Type;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IdentifierResolverTest {
    private static final Map<String, Long> KERNEL_ENUMS = Map.of("SKB_DROP_REASON_NOT_SPECIFIED", 2L, "TASK_RUNNING", 99L);

    private static IdentifierResolver resolver(String... includes) {
        return new IdentifierResolver(List.of(includes), HeaderMacros.shipped(),
                name -> KERNEL_ENUMS.containsKey(name) ? OptionalLong.of(KERNEL_ENUMS.get(name)) : OptionalLong.empty());
    }

    @Test void headerMacrosOnlyWithTheirInclude() {
        assertEquals(Optional.of(new IdentifierResolver.Constant(0, Type.Int.S64)), resolver("linux/sched.h").resolve("TASK_RUNNING"));
        assertEquals(Optional.of(new IdentifierResolver.Constant(99, Type.Int.U64)), resolver().resolve("TASK_RUNNING"),
                "without the include, BTF decides");
        assertTrue(resolver().resolve("AF_INET").isEmpty());
        assertEquals(2, resolver("sys/socket.h").resolve("AF_INET").orElseThrow().value());
        assertEquals(10, resolver("linux/socket.h").resolve("AF_INET6").orElseThrow().value());
    }

    @Test void kernelEnumeratorsAreUnsigned64() {
        assertEquals(Optional.of(new IdentifierResolver.Constant(2, Type.Int.U64)), resolver().resolve("SKB_DROP_REASON_NOT_SPECIFIED"));
        assertTrue(resolver("linux/sched.h").resolve("NO_SUCH_NAME").isEmpty());
    }

    @Test void shippedTableValues() {
        HeaderMacros m = HeaderMacros.shipped();
        assertEquals(OptionalLong.of(2), m.lookup(List.of("linux/sched.h"), "TASK_UNINTERRUPTIBLE"));
        assertEquals(OptionalLong.of(0x80000000L), m.lookup(List.of("linux/sched.h"), "CLONE_IO"));
        assertEquals(OptionalLong.of(-100), m.lookup(List.of("fcntl.h"), "AT_FDCWD"));
        assertEquals(OptionalLong.of(1_000_000_000), m.lookup(List.of("linux/time.h"), "NSEC_PER_SEC"));
        assertEquals(OptionalLong.of(9), m.lookup(List.of("signal.h"), "SIGKILL"));
        assertEquals(OptionalLong.of(1), m.lookup(List.of("linux/net.h", "sys/socket.h"), "SOCK_STREAM"));
    }

    @Test void tableSyntax() throws IOException {
        HeaderMacros m = HeaderMacros.parse(new StringReader("# comment\n[a.h] [b.h]\nX 0x10\nY -3\n[c.h]\nX 1\n"));
        assertEquals(OptionalLong.of(16), m.lookup(List.of("b.h"), "X"));
        assertEquals(OptionalLong.of(1), m.lookup(List.of("c.h", "a.h"), "X"), "the first include that defines it wins");
        assertEquals(OptionalLong.of(-3), m.lookup(List.of("a.h"), "Y"));
        assertThrows(IOException.class, () -> HeaderMacros.parse(new StringReader("X 1\n")));
        assertThrows(IOException.class, () -> HeaderMacros.parse(new StringReader("[a.h]\nX\n")));
    }
}
