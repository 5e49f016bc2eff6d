package io.jbpftrace.provider.usdt;

import io.jbpftrace.elf.StapsdtNote;
import java.nio.file.Path;

/**
 * One USDT probe site to attach to (a probe inlined in several places has one target per site).
 *
 * @param binary       the file holding the probe (the program or a shared library)
 * @param note         the site's note, with its argument specs
 * @param offset       file offset of the site, where the uprobe goes
 * @param refCtrOffset file offset of the probe's semaphore, 0 without one
 */
record UsdtTarget(Path binary, StapsdtNote note, long offset, long refCtrOffset) {}
