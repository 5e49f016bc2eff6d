package io.jbpftrace.provider.uprobe;

import java.nio.file.Path;

/**
 * Where one expanded probe goes: a file and a byte offset into it, which is what the uprobe PMU takes.
 *
 * @param binary   the resolved absolute file
 * @param function the probe's function part as named ({@code add}, {@code add+0x10}, {@code 0x1139})
 * @param offset   file offset of the probed instruction
 * @param symbol   the function holding the probed instruction (or its hex address), the {@code func} builtin
 */
record UprobeTarget(Path binary, String function, long offset, String symbol) {}
