package io.jbpftrace.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.elf.LoadSegment;
import io.jbpftrace.elf.ProcessMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSymbolsTest {

    @Test void perfMapLinesAreHexStartSizeName() {
        PerfMap map = PerfMap.parse("""
                7f0000001000 40 LFoo;::bar
                0x7f0000002000 0x10 Interpreter
                junk
                7f0000001000 20 LFoo;::recompiled (tier 2)
                """);
        assertEquals(3, map.entries().size());
        assertEquals("LFoo;::recompiled (tier 2)", map.find(0x7f0000001008L).orElseThrow().name(), "the newest entry wins");
        assertEquals("LFoo;::bar", map.find(0x7f0000001030L).orElseThrow().name());
        assertEquals("Interpreter", map.find(0x7f000000200fL).orElseThrow().name());
        assertTrue(map.find(0x7f0000002010L).isEmpty());
    }

    @Test void jitFramesComeFromThePerfMapOfTheirProcess(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("perf-42.map"), "7f0000001000 40 LFoo;::bar\n");
        UserSymbols symbols = new UserSymbols(pid -> Optional.of(ProcessMaps.parse(List.of())),
                pid -> tmp.resolve("perf-" + pid + ".map"));
        assertEquals("LFoo;::bar+16", symbols.resolve(42, 0x7f0000001010L, true));
        assertEquals("LFoo;::bar", symbols.resolve(42, 0x7f0000001010L, false));
        assertEquals("0x7f0000001010", symbols.resolve(43, 0x7f0000001010L, true), "another process has no such map");
        assertEquals("0x7f0000009000", symbols.resolve(42, 0x7f0000009000L, true));
        Files.delete(tmp.resolve("perf-42.map"));
        assertEquals("LFoo;::bar+16", symbols.resolve(42, 0x7f0000001010L, true), "kept after the agent removed it");
    }

    @Test void fileOffsetsMapBackToLinkTimeAddresses() {
        List<LoadSegment> segments = List.of(new LoadSegment(0, 0, 0x600, 0x600, false),
                new LoadSegment(0x1000, 0x1000, 0x200, 0x200, true), new LoadSegment(0x2db8, 0x3db8, 0x258, 0x260, false));
        assertEquals(OptionalLong.of(0x1169), UserSymbols.virtualAddress(segments, 0x1169));
        assertEquals(OptionalLong.of(0x3dc0), UserSymbols.virtualAddress(segments, 0x2dc0));
        assertTrue(UserSymbols.virtualAddress(segments, 0x9000).isEmpty());
    }

    @Test void pieFunctionsAndLibrariesOfALiveProcessThenAfterItExited() throws Exception {
        UserSymbols symbols = new UserSymbols(UserSymbolsTest::maps, pid -> Path.of("/nonexistent/perf-" + pid + ".map"));
        try (BusyProgram busy = new BusyProgram(0.2)) {
            assertEquals("spin_leaf+3", symbols.resolve(busy.pid(), busy.spinLeaf + 3, true));
            assertEquals("spin_middle", symbols.resolve(busy.pid(), busy.spinMiddle, false));
            String libc = symbols.resolve(busy.pid(), busy.getppid, false);
            assertTrue(libc.contains("getppid"), libc);
            busy.waitForExit();
            assertEquals("spin_leaf+3", symbols.resolve(busy.pid(), busy.spinLeaf + 3, true), "resolved from the kept maps");
            assertEquals("0x10", symbols.resolve(busy.pid(), 0x10, true));
        }
    }

    private static Optional<ProcessMaps> maps(int pid) {
        try {
            return Optional.of(ProcessMaps.of(pid));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
