package io.jbpftrace.launcher;

import io.jbpftrace.bpf.Insn;
import io.jbpftrace.codegen.GeneratedProgram;
import io.jbpftrace.passes.Compiler;

/** -d: the generated instructions of every program, one per line, for debugging codegen. */
final class InstructionDump {
    private InstructionDump() {}

    static String of(Compiler.Result compiled) {
        StringBuilder out = new StringBuilder();
        for (GeneratedProgram p : compiled.programs()) {
            out.append("; program ").append(p.instance().target().name()).append('\n');
            int i = 0;
            for (Insn insn : p.insns()) {
                if (p.subprogramStarts().contains(i)) out.append("; callback\n");
                out.append(String.format("%4d: op=%02x dst=r%d src=r%d off=%d imm=%d%n", i++, insn.opcode(), insn.dst(), insn.src(), insn.off(), insn.imm()));
            }
        }
        return out.toString();
    }
}
