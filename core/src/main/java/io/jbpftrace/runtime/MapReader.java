package io.jbpftrace.runtime;

import io.jbpftrace.kernel.BpfMap;
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapValue;
import io.jbpftrace.passes.AggKind;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.types.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a BPF map in one batch and merges per-CPU values into printable entries. */
public final class MapReader {
    private final ValueDecoder decoder;
    private final Set<String> full = new LinkedHashSet<>();

    public MapReader(ValueDecoder decoder) { this.decoder = decoder; }

    /** Names of the maps that held their maximum number of keys when read, in the order first seen so. */
    public Set<String> fullMaps() { return Collections.unmodifiableSet(full); }

    public List<MapEntry> read(MapInfo info, BpfMap map) throws KernelException { return read(info, map, false); }

    /** With {@code keepStacks}, stack key parts stay {@link io.jbpftrace.symbols.StackTrace}s and tuples lists (flame graphs). */
    public List<MapEntry> read(MapInfo info, BpfMap map, boolean keepStacks) throws KernelException {
        int cpus = map.type().perCpu() ? map.lookupSize() / Type.align8(map.valueSize()) : 1;
        if (info.kind() == AggKind.HIST || info.kind() == AggKind.LHIST) {
            List<BpfMap.Entry> raw = map.entries();
            noteIfFull(info, map, raw.size());
            return histograms(info, raw, cpus);
        }
        KeyDecoder keys = new KeyDecoder(info.keyTypes(), keepStacks);
        List<MapEntry> out = new ArrayList<>();
        int valueBytes = map.lookupSize();
        map.forEachEntry((k, keyOff, v, valueOff) -> out.add(new MapEntry(keys.decode(k, keyOff), value(info, v, valueOff, valueBytes, cpus))));
        noteIfFull(info, map, out.size());
        return out;
    }

    /** A hash map holding as many keys as it may have refused some; a per-CPU bucket array never refuses. */
    private void noteIfFull(MapInfo info, BpfMap map, int keys) {
        if (!info.bucketArray() && keys >= map.maxEntries()) full.add(info.name());
    }

    /** Decodes the keys of one map; keys of plain integers (the big maps: pids, sizes, addresses) take a short cut. */
    private final class KeyDecoder {
        private final Type.Tuple type;
        private final boolean allLongs;
        private final boolean printable;

        KeyDecoder(List<Type> keyTypes, boolean keepStacks) {
            type = new Type.Tuple(keyTypes);
            allLongs = keyTypes.stream().allMatch(ValueDecoder::isPlainLong);
            printable = !keepStacks && keyTypes.stream().anyMatch(MapReader::holdsStack);
        }

        /** The key at {@code off} in {@code bytes}. */
        List<Object> decode(byte[] bytes, int off) {
            int n = type.elements().size();
            if (n == 0) return List.of();
            if (n == 1 && allLongs) return List.of(ValueDecoder.u64(bytes, off));
            if (allLongs) {
                Object[] parts = new Object[n];
                for (int i = 0; i < n; i++) parts[i] = ValueDecoder.u64(bytes, off + 8 * i); // 8-byte slots
                return List.of(parts);
            }
            Object decoded = decoder.decode(ValueDecoder.le(bytes, off, type.size()), 0, type);
            if (printable) decoded = ValueDecoder.printable(decoded, 4);
            @SuppressWarnings("unchecked") List<Object> parts = (List<Object>) decoded;
            return parts;
        }
    }

    private static boolean holdsStack(Type t) {
        return t instanceof Type.Stack || t instanceof Type.Tuple tu && tu.elements().stream().anyMatch(MapReader::holdsStack);
    }

    /** The {@code length} bytes at {@code off} in {@code v}: one slot per CPU for per-CPU maps, merged. */
    private MapValue value(MapInfo info, byte[] v, int off, int length, int cpus) {
        int stride = Type.align8(info.valueSize());
        switch (info.kind()) {
            case VALUE -> {
                // bpftrace indents a stack held as a map value like printf does, by 8
                Object o = ValueDecoder.printable(decoder.decode(ValueDecoder.le(v, off, length), 0, info.valueType()), 8);
                return ValueDecoder.toMapValue(o, info.valueType());
            }
            case COUNT, SUM -> {
                long sum = 0;
                for (int c = 0; c < cpus; c++) sum += ValueDecoder.u64(v, off + c * stride);
                return new MapValue.Int(sum, info.kind() == AggKind.SUM);
            }
            case MIN, MAX -> {
                Long best = null;
                for (int c = 0; c < cpus; c++) {
                    if (ValueDecoder.u64(v, off + c * stride + 8) == 0) continue; // this CPU never saw a value
                    long x = ValueDecoder.u64(v, off + c * stride);
                    if (best == null || (info.kind() == AggKind.MIN ? x < best : x > best)) best = x;
                }
                return new MapValue.Int(best == null ? 0 : best, true);
            }
            case AVG, STATS -> {
                long count = 0, total = 0;
                for (int c = 0; c < cpus; c++) {
                    count += ValueDecoder.u64(v, off + c * stride);
                    total += ValueDecoder.u64(v, off + c * stride + 8);
                }
                return info.kind() == AggKind.AVG ? new MapValue.Avg(count, total) : new MapValue.Stats(count, total);
            }
            default -> throw new IllegalStateException(info.kind().name());
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) if (b != 0) return false;
        return true;
    }

    /** Histogram maps have one BPF entry per (key, bucket); group them back by key. */
    private List<MapEntry> histograms(MapInfo info, List<BpfMap.Entry> raw, int cpus) {
        int buckets = info.histBuckets();
        int userKey = info.userKeySize();
        Map<String, List<Object>> keys = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        KeyDecoder keyDecoder = new KeyDecoder(info.keyTypes(), false);
        for (BpfMap.Entry e : raw) {
            if (info.bucketArray() && isZero(e.value())) continue; // a slot never counted: the hash map has no such key
            byte[] k = Arrays.copyOf(e.key(), userKey);
            String id = Arrays.toString(k);
            keys.computeIfAbsent(id, x -> keyDecoder.decode(k, 0));
            long[] c = counts.computeIfAbsent(id, x -> new long[buckets]);
            int bucket = info.bucketArray() ? ValueDecoder.le(e.key()).getInt(0) : (int) ValueDecoder.le(e.key()).getLong(userKey);
            ByteBuffer v = ValueDecoder.le(e.value());
            if (bucket >= 0 && bucket < buckets) for (int cpu = 0; cpu < cpus; cpu++) c[bucket] += v.getLong(cpu * 8);
        }
        List<MapEntry> out = new ArrayList<>();
        for (var id : keys.keySet()) {
            long[] c = counts.get(id);
            MapValue value = info.kind() == AggKind.HIST ? new MapValue.Hist(c)
                    : new MapValue.LHist(info.lhist()[0], info.lhist()[1], info.lhist()[2], c);
            out.add(new MapEntry(keys.get(id), value));
        }
        return out;
    }
}
