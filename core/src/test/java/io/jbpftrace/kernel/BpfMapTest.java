package io.jbpftrace.kernel;

import static io.jbpftrace.kernel.TestPrograms.readU32;
import static io.jbpftrace.kernel.TestPrograms.readU64;
import static io.jbpftrace.kernel.TestPrograms.u32;
import static io.jbpftrace.kernel.TestPrograms.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.bpf.MapType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpfMapTest {
    @org.junit.jupiter.api.AfterEach void nothingLeaks() { TestPrograms.assertNoKernelObjectsOpen(); }

    @Test void hashUpdateLookupDelete() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "@x", 8, 8, 16)) {
            assertEquals(8, map.lookupSize());
            byte[] value = new byte[8];
            assertFalse(map.lookup(u64(1), value));
            map.update(u64(1), u64(100));
            map.update(u64(2), u64(200));
            assertTrue(map.lookup(u64(1), value));
            assertEquals(100, readU64(value, 0));
            map.update(u64(1), u64(101));
            assertTrue(map.lookup(u64(1), value));
            assertEquals(101, readU64(value, 0));
            map.delete(u64(1));
            map.delete(u64(1)); // absent: not an error
            assertFalse(map.lookup(u64(1), value));
            assertEquals(1, map.entries().size());
        }
    }

    @Test void batchedEntriesOfALargeHash() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "@big", 8, 8, 4096)) {
            for (int i = 0; i < 1000; i++) map.update(u64(i), u64(i * 3L));
            List<BpfMap.Entry> entries = map.entries();
            assertEquals(1000, entries.size());
            Map<Long, Long> seen = new HashMap<>();
            for (BpfMap.Entry e : entries) seen.put(readU64(e.key(), 0), readU64(e.value(), 0));
            assertEquals(1000, seen.size());
            for (long i = 0; i < 1000; i++) assertEquals(i * 3, seen.get(i));
            map.clear();
            assertEquals(List.of(), map.entries());
        }
    }

    @Test void batchPathIsTakenAndSurvivesCrowdedBuckets() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "@crowd", 8, 8, 1024)) {
            for (int i = 0; i < 1000; i++) map.update(u64(i), u64(i));
            // A batch of one entry cannot hold a bucket with two: the kernel says ENOSPC, we grow.
            List<BpfMap.Entry> entries = map.lookupBatched(1);
            assertEquals(1000, entries.size());
            assertEquals(1000, entries.stream().mapToLong(e -> readU64(e.key(), 0)).distinct().count());
        }
    }

    @Test void batchesHandEveryEntryAtItsOwnOffsets() throws Exception {
        int cpus = Bpf.possibleCpus();
        try (BpfMap map = BpfMap.create(MapType.PERCPU_HASH, "@offsets", 8, 8, 4096)) {
            for (int i = 0; i < 1000; i++) {
                byte[] value = new byte[map.lookupSize()];
                for (int cpu = 0; cpu < cpus; cpu++) System.arraycopy(u64(i * 10L + cpu), 0, value, cpu * 8, 8);
                map.update(u64(i), value);
            }
            Map<Long, Long> seen = new HashMap<>();
            map.forEachEntry((keys, keyOff, values, valueOff) -> {
                long key = readU64(keys, keyOff);
                for (int cpu = 0; cpu < cpus; cpu++) assertEquals(key * 10 + cpu, readU64(values, valueOff + cpu * 8));
                seen.put(key, readU64(values, valueOff));
            });
            assertEquals(1000, seen.size());
            // 64 entries a batch: many batches, each read into arrays the visitor sees at other offsets
            List<BpfMap.Entry> small = map.lookupBatched(64);
            assertEquals(1000, small.size());
            for (BpfMap.Entry e : small) assertEquals(readU64(e.key(), 0) * 10, readU64(e.value(), 0));
        }
    }

    @Test void emptyHashHasNoEntries() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "empty", 4, 4, 8)) {
            assertEquals(List.of(), map.entries());
            map.clear();
        }
    }

    @Test void perCpuHashHoldsOneAlignedSlotPerCpu() throws Exception {
        int cpus = Bpf.possibleCpus();
        try (BpfMap map = BpfMap.create(MapType.PERCPU_HASH, "@pc", 4, 4, 2048)) {
            assertEquals(8 * cpus, map.lookupSize()); // 4-byte values take 8-byte slots
            byte[] value = new byte[map.lookupSize()];
            for (int cpu = 0; cpu < cpus; cpu++) value[cpu * 8] = (byte) (cpu + 1);
            for (int i = 0; i < 1000; i++) map.update(u32(i), value);
            List<BpfMap.Entry> entries = map.entries();
            assertEquals(1000, entries.size());
            for (BpfMap.Entry e : entries) assertArrayEquals(value, e.value());
            byte[] out = new byte[map.lookupSize()];
            assertTrue(map.lookup(u32(7), out));
            assertArrayEquals(value, out);
            map.clear();
            assertFalse(map.lookup(u32(7), out));
            assertThrows(IllegalArgumentException.class, () -> map.update(u32(1), new byte[4]));
        }
    }

    @Test void arrayEntriesInIndexOrderAndClearZeroes() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.ARRAY, "arr", 4, 8, 5)) {
            map.update(u32(3), u64(33));
            List<BpfMap.Entry> entries = map.entries();
            assertEquals(5, entries.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(i, readU32(entries.get(i).key()));
                assertEquals(i == 3 ? 33 : 0, readU64(entries.get(i).value(), 0));
            }
            map.clear();
            byte[] value = new byte[8];
            assertTrue(map.lookup(u32(3), value));
            assertEquals(0, readU64(value, 0));
        }
    }

    @Test void perCpuArray() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.PERCPU_ARRAY, "pca", 4, 8, 2)) {
            byte[] value = new byte[map.lookupSize()];
            value[0] = 9;
            map.update(u32(1), value);
            assertEquals(9, TestPrograms.sumPerCpu(map.entries().get(1).value()));
            map.clear();
            assertEquals(0, TestPrograms.sumPerCpu(map.entries().get(1).value()));
        }
    }

    @Test void ringBufferMapIsCreated() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.RINGBUF, "ringbuf", 0, 0, 4096)) {
            assertTrue(map.fd() >= 0);
            assertEquals(MapType.RINGBUF, map.type());
        }
    }

    @Test void closeReleasesTheFdOnce() throws Exception {
        BpfMap map = BpfMap.create(MapType.HASH, "closing", 4, 4, 4);
        int fd = map.fd();
        assertEquals("anon_inode:bpf-map", TestPrograms.fdTarget(fd));
        map.close();
        map.close();
        assertFalse(TestPrograms.fdTarget(fd).equals("anon_inode:bpf-map") && fd == map.fd());
        assertEquals(-1, map.fd());
        assertThrows(IllegalStateException.class, () -> map.lookup(u32(0), new byte[4]));
    }

    @Test void kernelRefusalNamesTheMapAndTheError() {
        KernelException e = assertThrows(KernelException.class, () -> BpfMap.create(MapType.HASH, "@bad", 0, 8, 4));
        assertEquals("bpf_map_create(@bad): Invalid argument", e.getMessage());
    }

    @Test void wrongKeySizeIsACallerError() throws Exception {
        try (BpfMap map = BpfMap.create(MapType.HASH, "k", 8, 8, 4)) {
            assertThrows(IllegalArgumentException.class, () -> map.lookup(u32(1), new byte[8]));
        }
    }

    @Test void kernelNamesAreShortAndSanitized() {
        assertEquals("_x", BpfMap.kernelName("@x"));
        assertEquals("_a_very_long_ma", BpfMap.kernelName("@a_very_long_map_name"));
        assertEquals("ok.name_1", BpfMap.kernelName("ok.name_1"));
        assertEquals("_", BpfMap.kernelName("@"));
        assertEquals("", BpfMap.kernelName(""));
    }
}
