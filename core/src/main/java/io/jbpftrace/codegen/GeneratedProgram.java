package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.passes.ProbeInstance;
import java.util.List;

/**
 * One probe instance compiled: instructions with map references still to be patched with fds, and
 * where its callback subprograms (for-loop bodies) start.
 */
public record GeneratedProgram(ProbeInstance instance, List<Insn> insns, List<Asm.MapRef> mapRefs, List<Integer> subprogramStarts) {}
