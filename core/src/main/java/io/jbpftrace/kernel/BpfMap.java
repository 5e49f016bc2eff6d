package io.jbpftrace.kernel;

import com.sun.jna.Memory;
import io.jbpftrace.bpf.MapType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One kernel BPF map, owned by this handle: closing it closes the map fd. */
public final class BpfMap implements AutoCloseable {
    private static final long BPF_ANY = 0;
    /** sizeof(struct bpf_map_batch_opts) in libbpf 1.1: sz, elem_flags, flags. */
    private static final int BATCH_OPTS_SIZE = 24;
    /** A batch buffer's size: 100k-key maps in a few dozen calls, little memory for small ones. */
    private static final long BATCH_BYTES = 256 << 10;
    private static final int MIN_BATCH_COUNT = 64;

    private final Fd fd;
    private final MapType type;
    private final String name;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;

    /** A key and its value as one lookup returns it (all CPUs' slots for per-CPU maps). */
    public record Entry(byte[] key, byte[] value) {}

    private BpfMap(int fd, MapType type, String name, int keySize, int valueSize, int maxEntries) {
        this.fd = new Fd(fd);
        this.type = type;
        this.name = name;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
    }

    public static BpfMap create(MapType type, String name, int keySize, int valueSize, int maxEntries)
            throws KernelException {
        String kernelName = kernelName(name);
        int fd = LibBpf.bpf_map_create(type.id, kernelName, keySize, valueSize, maxEntries, null);
        if (fd < 0) throw Errno.fail("bpf_map_create(" + name + ")", fd);
        return new BpfMap(fd, type, name, keySize, valueSize, maxEntries);
    }

    /** The kernel accepts at most 15 characters from [A-Za-z0-9_.]; bpftrace names like "@x" need fixing. */
    static String kernelName(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 15));
        for (int i = 0; i < name.length() && sb.length() < 15; i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    public int fd() { return fd.get(); }

    public MapType type() { return type; }

    public String name() { return name; }

    public int keySize() { return keySize; }

    public int valueSize() { return valueSize; }

    public int maxEntries() { return maxEntries; }

    /** Bytes one lookup returns: valueSize, or one 8-byte-aligned slot per possible CPU for per-CPU maps. */
    public int lookupSize() {
        return type.perCpu() ? roundUp8(valueSize) * Bpf.possibleCpus() : valueSize;
    }

    private static int roundUp8(int n) { return (n + 7) & ~7; }

    /** Copies the value of {@code key} into {@code valueOut}; false when the key is absent. */
    public boolean lookup(byte[] key, byte[] valueOut) throws KernelException {
        checkKey(key);
        checkValue(valueOut);
        int rc = LibBpf.bpf_map_lookup_elem(fd.require(), key, valueOut);
        if (rc == -Errno.ENOENT) return false;
        if (rc < 0) throw Errno.fail("bpf_map_lookup_elem(" + name + ")", rc);
        return true;
    }

    /** Creates or replaces the value of {@code key}; per-CPU maps take {@link #lookupSize()} bytes. */
    public void update(byte[] key, byte[] value) throws KernelException {
        checkKey(key);
        checkValue(value);
        int rc = LibBpf.bpf_map_update_elem(fd.require(), key, value, BPF_ANY);
        if (rc < 0) throw Errno.fail("bpf_map_update_elem(" + name + ")", rc);
    }

    /** Removes {@code key}; an absent key is not an error. */
    public void delete(byte[] key) throws KernelException {
        checkKey(key);
        int rc = LibBpf.bpf_map_delete_elem(fd.require(), key);
        if (rc < 0 && rc != -Errno.ENOENT) throw Errno.fail("bpf_map_delete_elem(" + name + ")", rc);
    }

    /** All entries; batched for hash maps, key by key otherwise (array keys come in index order). */
    public List<Entry> entries() throws KernelException {
        List<Entry> out = new ArrayList<>();
        forEachEntry((keys, keyOff, values, valueOff) -> out.add(copy(keys, keyOff, values, valueOff)));
        return out;
    }

    /**
     * Receives entries where they lie: the key at {@code keyOff} in {@code keys}, its value
     * ({@link #lookupSize()} bytes) at {@code valueOff} in {@code values}. The arrays are reused
     * for the next entries: copy what you keep.
     */
    @FunctionalInterface
    public interface EntryVisitor {
        void accept(byte[] keys, int keyOff, byte[] values, int valueOff);
    }

    /** Every entry, in the order {@link #entries()} lists them, without an array per entry. */
    public void forEachEntry(EntryVisitor visitor) throws KernelException {
        if (supportsBatch() && lookupBatched(batchCount(), visitor)) return;
        for (byte[] key : keys()) {
            byte[] value = new byte[lookupSize()];
            if (lookup(key, value)) visitor.accept(key, 0, value, 0); // may vanish between the two calls
        }
    }

    private Entry copy(byte[] keys, int keyOff, byte[] values, int valueOff) {
        return new Entry(Arrays.copyOfRange(keys, keyOff, keyOff + keySize),
                Arrays.copyOfRange(values, valueOff, valueOff + lookupSize()));
    }

    /** Deletes every entry of a hash map, or zeroes every slot of an array map. */
    public void clear() throws KernelException {
        if (isArray()) {
            byte[] zero = new byte[lookupSize()];
            for (int i = 0; i < maxEntries; i++) update(arrayKey(i), zero);
            return;
        }
        for (byte[] key : keys()) delete(key);
    }

    /** All keys via get_next_key, collected before use so deletions cannot restart the walk. */
    private List<byte[]> keys() throws KernelException {
        List<byte[]> keys = new ArrayList<>();
        byte[] prev = null;
        while (true) {
            byte[] next = new byte[keySize];
            int rc = LibBpf.bpf_map_get_next_key(fd.require(), prev, next);
            if (rc == -Errno.ENOENT) return keys;
            if (rc < 0) throw Errno.fail("bpf_map_get_next_key(" + name + ")", rc);
            keys.add(next);
            prev = next;
        }
    }

    private boolean isArray() { return type == MapType.ARRAY || type == MapType.PERCPU_ARRAY; }

    private boolean supportsBatch() {
        return type == MapType.HASH || type == MapType.PERCPU_HASH || type == MapType.LRU_HASH;
    }

    /** BPF_MAP_LOOKUP_BATCH in batches of {@code count} entries; null when this kernel lacks it. */
    List<Entry> lookupBatched(int count) throws KernelException {
        List<Entry> out = new ArrayList<>();
        return lookupBatched(count, (keys, keyOff, values, valueOff) -> out.add(copy(keys, keyOff, values, valueOff))) ? out : null;
    }

    /** BPF_MAP_LOOKUP_BATCH until ENOENT; false (nothing visited) when this kernel lacks it, so the caller falls back. */
    private boolean lookupBatched(int initialCount, EntryVisitor visitor) throws KernelException {
        int valueBytes = lookupSize();
        int count = initialCount;
        // The batch token is opaque (a bucket index for hash maps); key-sized room is always enough.
        Memory inBatch = new Memory(Math.max(keySize, 8));
        Memory outBatch = new Memory(Math.max(keySize, 8));
        Memory countMem = new Memory(4);
        Memory opts = new Memory(BATCH_OPTS_SIZE);
        opts.clear();
        opts.setLong(0, BATCH_OPTS_SIZE);
        Memory keys = null, values = null;
        boolean first = true;
        while (true) {
            if (keys == null || keys.size() < (long) keySize * count) { // reused until a bucket needs more room
                keys = new Memory((long) keySize * count);
                values = new Memory((long) valueBytes * count);
            }
            countMem.setInt(0, count);
            int rc = LibBpf.bpf_map_lookup_batch(fd.require(), first ? null : inBatch, outBatch, keys, values, countMem, opts);
            if (rc < 0 && rc != -Errno.ENOENT) {
                // ENOSPC: one hash bucket holds more entries than fit; retry the same batch bigger.
                if (rc == -Errno.ENOSPC && count < maxEntries) { count *= 4; continue; }
                if (first && isUnsupported(rc)) return false;
                throw Errno.fail("bpf_map_lookup_batch(" + name + ")", rc);
            }
            int got = countMem.getInt(0);
            // One copy out of native memory per batch; reading entry by entry through JNA costs far more.
            byte[] keyBytes = keys.getByteArray(0, got * keySize);
            byte[] valueBytesRead = values.getByteArray(0, got * valueBytes);
            for (int i = 0; i < got; i++) visitor.accept(keyBytes, i * keySize, valueBytesRead, i * valueBytes);
            if (rc == -Errno.ENOENT) return true;
            inBatch.write(0, outBatch.getByteArray(0, (int) outBatch.size()), 0, (int) outBatch.size());
            first = false;
        }
    }

    /** Entries per batch: about {@link #BATCH_BYTES} of keys and values, fewer for small maps. */
    private int batchCount() {
        long perEntry = (long) keySize + lookupSize();
        return (int) Math.max(1, Math.min(maxEntries, Math.max(MIN_BATCH_COUNT, BATCH_BYTES / perEntry)));
    }

    private static boolean isUnsupported(int rc) {
        return rc == -Errno.EINVAL || rc == -Errno.EOPNOTSUPP || rc == -Errno.ENOTSUPP;
    }

    private byte[] arrayKey(int index) {
        byte[] key = new byte[keySize];
        for (int b = 0; b < Math.min(4, keySize); b++) key[b] = (byte) (index >>> (8 * b)); // little endian u32
        return key;
    }

    private void checkKey(byte[] key) {
        if (key.length != keySize)
            throw new IllegalArgumentException(name + ": key of " + key.length + " bytes, map wants " + keySize);
    }

    private void checkValue(byte[] value) {
        if (value.length != lookupSize())
            throw new IllegalArgumentException(name + ": value of " + value.length + " bytes, map wants " + lookupSize());
    }

    @Override public void close() { fd.close(); }

    @Override public String toString() {
        return "BpfMap[" + name + ", " + type + ", fd " + fd.get() + ", " + keySize + "/" + valueSize + "/" + maxEntries + "]";
    }
}
