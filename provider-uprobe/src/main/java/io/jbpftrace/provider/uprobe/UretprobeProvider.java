package io.jbpftrace.provider.uprobe;

import io.jbpftrace.elf.BinaryLocator;
import java.util.List;

/** {@code uretprobe:/path:func}: like a uprobe, but the program runs when the function returns. */
public final class UretprobeProvider extends UprobeProvider {
    public UretprobeProvider() { this(new BinaryLocator()); }

    UretprobeProvider(BinaryLocator locator) { super(List.of("uretprobe", "ur"), true, locator); }
}
