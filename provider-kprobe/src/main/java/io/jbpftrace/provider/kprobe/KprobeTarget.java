package io.jbpftrace.provider.kprobe;

/**
 * Where one expanded kprobe goes: what the kprobe PMU takes.
 *
 * @param symbol   the kernel symbol, {@code mod:func} for a module's function
 * @param offset   bytes into it
 * @param function the function's bare name, the {@code func} builtin
 */
record KprobeTarget(String symbol, long offset, String function) {}
