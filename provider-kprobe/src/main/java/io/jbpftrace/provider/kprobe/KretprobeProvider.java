package io.jbpftrace.provider.kprobe;

import java.util.List;

/** {@code kretprobe:vfs_read}: like a kprobe, but the program runs when the function returns ({@code retval}). */
public final class KretprobeProvider extends KprobeProvider {
    public KretprobeProvider() { this(defaultSupport()); }

    KretprobeProvider(KprobeSupport support) { super(List.of("kretprobe", "kr"), true, support); }
}
