package io.jbpftrace.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jbpftrace.bpf.ProgType;
import io.jbpftrace.lang.CompileError;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Builtin;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;
import io.jbpftrace.types.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analyser on a mini pipeline: a mocked provider stands in for a real probe family. */
class SemanticPassTest {
    private static final Type.Record ARGS = new Type.Record("args", List.of(
            new Type.Field("fd", 8, Type.Int.S64), new Type.Field("name", 16, new Type.Pointer(Type.Int.S8, true)),
            new Type.Field("comm", 24, new Type.Array(Type.Int.S8, 16))), 40);

    private ProviderRegistry registry;

    @BeforeEach
    void fakeProvider() throws Exception {
        ProbeProvider fake = mock(ProbeProvider.class);
        when(fake.probeTypes()).thenReturn(List.of("fake", "f"));
        when(fake.expand(any(), any())).thenAnswer(inv -> List.of(new ProbeTarget("fake:one", null)));
        when(fake.programType(any())).thenReturn(ProgType.TRACEPOINT);
        when(fake.builtin(any(), any())).thenReturn(Optional.empty());
        when(fake.builtin(eq("args"), any())).thenReturn(Optional.of(Builtin.contextRecord(ARGS)));
        registry = new ProviderRegistry(List.of(new BeginEndProvider(), fake));
    }

    private Analysis analyse(String script) {
        Compiler.Result r = new Compiler(registry, mock(Kernel.class)).compile("stdin", script, List.of());
        return r.analysis();
    }

    @Test
    void mapsGetOneSignatureAcrossProbes() {
        Analysis a = analyse("fake:x { @[comm, args->fd] = count(); @s = str(args->name); } BEGIN { @v = 1; }");
        MapInfo counts = a.map("@");
        assertEquals(AggKind.COUNT, counts.kind());
        assertEquals(List.of(new Type.Str(16), Type.Int.S64), counts.keyTypes());
        assertEquals(new Type.Str(SemanticPass.STRING_SIZE), a.map("@s").valueType());
        assertEquals(List.of("@", "@s", "@v"), List.copyOf(a.maps().keySet()));
    }

    @Test
    void histogramKeysCarryTheBucket() {
        MapInfo h = analyse("fake:x { @h[args->fd] = hist(args->fd); }").map("@h");
        assertEquals(8, h.userKeySize());
        assertEquals(16, h.keySize());
        MapInfo l = analyse("fake:x { @l = lhist(args->fd, 0, 100, 10); }").map("@l");
        assertEquals(10, l.lhistBuckets());
    }

    @Test
    void charArrayFieldsReadAsStrings() {
        Analysis a = analyse("fake:x { @c[args->comm] = count(); }");
        assertEquals(List.of(new Type.Str(16)), a.map("@c").keyTypes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BEGIN { @x = foo; }                          | 1:14 | Unknown identifier: 'foo'",
        "BEGIN { @a = 1; @a = \"x\"; }                | 1:17 | Type mismatch for @a: trying to assign value of type 'string[2]' when map already contains a value of type 'int64'",
        "BEGIN { @a = count(); @a = sum(1); }          | 1:23 | Type mismatch for @a: trying to assign value of type 'sum' when map already contains a value of type 'count'",
        "BEGIN { printf(\"%d\\n\"); }                  | 1:9  | printf: Not enough arguments for format string (0 supplied, 1 expected)",
        "BEGIN { printf(\"%s\\n\", 1); }               | 1:9  | printf: %s specifier expects a value of type string (integer supplied)",
        "BEGIN { $y = $x; }                           | 1:14 | Undefined or undeclared variable: $x",
        "BEGIN { @x = @nope; }                        | 1:14 | Undefined map: @nope",
        "BEGIN { @h = lhist(1, 10, 5, 1); }           | 1:14 | lhist() min must be less than max (provided min 10 and max 5)",
        "BEGIN { x(); }                               | 1:9  | Unknown function: x",
        "BEGIN { count(); }                           | 1:9  | count() should be directly assigned to a map",
        "BEGIN { break; }                             | 1:9  | break used outside of a loop",
        "BEGIN { system(\"ls\"); }                    | 1:9  | system() is an unsafe function being used in safe mode",
        "fake:x { @ = args->nope; }                   | 1:14 | Struct/union of type 'struct args' does not contain a field named 'nope'",
        "BEGIN { @ = args->fd; }                      | 1:13 | The args builtin can only be used with tracepoint/kfunc/uprobeprobes (special used here)",
        "nope:x { }                                   | 1:1  | no provider for probe type nope (is its bundle installed?)",
        "BEGIN { @c = count(); $y = @c + 1; }         | 1:28 | Type mismatch for '+': comparing 'count' with 'int64'",
        "BEGIN { @c = count(); $x = @c; $y = 1 < $x; }| 1:37 | Type mismatch for '<': comparing 'int64' with 'count'",
        "BEGIN { @c = sum(1); $y = -@c; }             | 1:27 | The - operator can not be used on expressions of type 'sum'",
        "BEGIN { @c = max(1); printf(\"%s\", @c); }  | 1:22 | printf: %s specifier expects a value of type string (max supplied)",
        "BEGIN { $x = !\"a\"; }                      | 1:14 | The ! operator can not be used on expressions of type 'string[2]'",
        "BEGIN { $x = nsecs == \"a\"; }              | 1:14 | Type mismatch for '==': comparing 'unsigned int64' with 'string[2]'",
        "BEGIN { $x = (foo)1; }                       | 1:14 | Unknown struct/union: 'foo'",
        "BEGIN { $x = 1;  $x  =  \"s\"; }            | 1:22 | Type mismatch for $x: trying to assign value of type 'string[2]' when variable already contains a value of type 'int64'",
        "BEGIN { } BEGIN { }                          | 1:10 | More than one BEGIN probe defined",
    })
    void rejectsWithPosition(String script, String position, String message) {
        CompileError e = assertThrows(CompileError.class, () -> analyse(script.strip()));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.pos().toString());
    }
}
