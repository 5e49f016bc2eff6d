package io.jbpftrace.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.passes.AggKind;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.types.Type;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameGraphExportTest {
    private static final Type INT = new Type.Int(8, false);
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(warnings, true, StandardCharsets.UTF_8);

    private static MapInfo map(int id, String name, AggKind kind, Type... keys) {
        return new MapInfo(id, name, List.of(keys), kind, INT, null);
    }

    private static MapEntry entry(long n, Object... key) { return new MapEntry(List.of(key), new MapValue.Int(n, false)); }

    @Test
    void oneStackMapGoesToTheFilesNamed(@TempDir Path dir) throws Exception {
        Map<MapInfo, List<MapEntry>> maps = new LinkedHashMap<>();
        maps.put(map(0, "@calls", AggKind.COUNT, StackKeysTest.COMM), List.of(entry(9, "sh")));
        maps.put(map(1, "@", AggKind.COUNT, StackKeysTest.USTACK, StackKeysTest.COMM),
                List.of(entry(3, StackKeysTest.stack("spin+1", "main+2"), "app")));
        List<Path> written = FlameGraphExport.write(maps, dir.resolve("out.svg"), dir.resolve("out.folded"), err);
        assertEquals(List.of(dir.resolve("out.svg"), dir.resolve("out.folded")), written);
        assertEquals("app;main;spin 3\n", Files.readString(dir.resolve("out.folded")));
        String svg = Files.readString(dir.resolve("out.svg"));
        assertTrue(svg.contains("spin (3 samples, 100.00%)"), svg);
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void severalStackMapsGetTheirNamesInTheFileNames(@TempDir Path dir) throws Exception {
        Map<MapInfo, List<MapEntry>> maps = new LinkedHashMap<>();
        maps.put(map(0, "@x", AggKind.SUM, StackKeysTest.KSTACK), List.of(entry(100, StackKeysTest.stack("f"))));
        maps.put(map(1, "@", AggKind.COUNT, StackKeysTest.KSTACK), List.of(entry(1, StackKeysTest.stack("g"))));
        List<Path> written = FlameGraphExport.write(maps, null, dir.resolve("stacks.folded"), err);
        assertEquals(List.of(dir.resolve("stacks.folded"), dir.resolve("stacks_x.folded")), written);
        assertEquals("g 1\n", Files.readString(dir.resolve("stacks.folded")));
        assertEquals("f 100\n", Files.readString(dir.resolve("stacks_x.folded")));
    }

    @Test
    void histogramsAndMapsWithoutStacksAreNotFlameGraphs(@TempDir Path dir) throws Exception {
        Map<MapInfo, List<MapEntry>> maps = new LinkedHashMap<>();
        maps.put(map(0, "@h", AggKind.HIST, StackKeysTest.KSTACK), List.of());
        maps.put(map(1, "@c", AggKind.COUNT, StackKeysTest.COMM), List.of(entry(1, "sh")));
        assertEquals(List.of(), FlameGraphExport.write(maps, dir.resolve("f.svg"), null, err));
        assertTrue(warnings.toString(StandardCharsets.UTF_8).startsWith("WARNING: --flamegraph: no map is keyed by kstack or ustack"));
        assertTrue(Files.notExists(dir.resolve("f.svg")));
    }

    @Test
    void fileNamesForMaps() {
        assertEquals(Path.of("/t/out_x.svg"), FlameGraphExport.withMapName(Path.of("/t/out.svg"), "@x"));
        assertEquals(Path.of("/t/out.svg"), FlameGraphExport.withMapName(Path.of("/t/out.svg"), "@"));
        assertEquals(Path.of("folded_y"), FlameGraphExport.withMapName(Path.of("folded"), "@y"));
        assertEquals(Path.of("a.b_z.txt"), FlameGraphExport.withMapName(Path.of("a.b.txt"), "@z"));
    }
}
