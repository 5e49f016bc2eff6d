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
        List<BpfMap.Entry> raw = map.entries();
        if (!info.bucketArray() && raw.size() >= map.maxEntries()) full.add(info.name());
        int cpus = map.type().perCpu() ? map.lookupSize() / Type.align8(map.valueSize()) : 1;
        if (info.kind() == AggKind.HIST || info.kind() == AggKind.LHIST) return histograms(info, raw, cpus);
        List<MapEntry> out = new ArrayList<>(raw.size());
        for (BpfMap.Entry e : raw) out.add(new MapEntry(key(info, e.key(), keepStacks), value(info, ValueDecoder.le(e.value()), cpus)));
        return out;
    }

    private List<Object> key(MapInfo info, byte[] key) { return key(info, key, false); }

    private List<Object> key(MapInfo info, byte[] key, boolean keepStacks) {
        if (info.keyTypes().isEmpty()) return List.of();
        Object decoded = decoder.decode(ValueDecoder.le(key), 0, new Type.Tuple(info.keyTypes()));
        if (!keepStacks) decoded = ValueDecoder.printable(decoded, 4);
        @SuppressWarnings("unchecked") List<Object> parts = (List<Object>) decoded;
        return parts;
    }

    private MapValue value(MapInfo info, ByteBuffer v, int cpus) {
        int stride = Type.align8(info.valueSize());
        switch (info.kind()) {
            case VALUE -> {
                // bpftrace indents a stack held as a map value like printf does, by 8
                Object o = ValueDecoder.printable(decoder.decode(v, 0, info.valueType()), 8);
                return ValueDecoder.toMapValue(o, info.valueType());
            }
            case COUNT, SUM -> {
                long sum = 0;
                for (int c = 0; c < cpus; c++) sum += v.getLong(c * stride);
                return new MapValue.Int(sum, info.kind() == AggKind.SUM);
            }
            case MIN, MAX -> {
                Long best = null;
                for (int c = 0; c < cpus; c++) {
                    if (v.getLong(c * stride + 8) == 0) continue; // this CPU never saw a value
                    long x = v.getLong(c * stride);
                    if (best == null || (info.kind() == AggKind.MIN ? x < best : x > best)) best = x;
                }
                return new MapValue.Int(best == null ? 0 : best, true);
            }
            case AVG, STATS -> {
                long count = 0, total = 0;
                for (int c = 0; c < cpus; c++) {
                    count += v.getLong(c * stride);
                    total += v.getLong(c * stride + 8);
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
        for (BpfMap.Entry e : raw) {
            if (info.bucketArray() && isZero(e.value())) continue; // a slot never counted: the hash map has no such key
            byte[] k = Arrays.copyOf(e.key(), userKey);
            String id = Arrays.toString(k);
            keys.computeIfAbsent(id, x -> key(info, k));
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
