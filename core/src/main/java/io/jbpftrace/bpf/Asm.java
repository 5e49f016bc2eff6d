package io.jbpftrace.bpf;

import java.util.ArrayList;
import java.util.List;

/**
 * Instruction emitter: appends instructions, resolves forward jumps through labels, and records
 * map references (ld_imm64 with a map fd) so the loader can patch real fds in at load time.
 */
public final class Asm {
    private final List<Insn> insns = new ArrayList<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private final List<MapRef> mapRefs = new ArrayList<>();
    private final List<Fixup> funcRefs = new ArrayList<>();
    private final List<Label> subprograms = new ArrayList<>();
    /** Per instruction, what the generator was lowering (a statement), so a verifier rejection can name it. */
    private final List<Object> origins = new ArrayList<>();
    private Object origin;
    private int labelCount;

    /** An instruction index whose ld_imm64 immediate must become the fd of map {@code mapIndex}. */
    public record MapRef(int insnIndex, int mapIndex) {}

    private record Fixup(int insnIndex, Label target) {}

    public Label newLabel(String hint) { return new Label(hint + "_" + labelCount++); }

    public Asm bind(Label label) {
        if (label.bound()) throw new IllegalStateException("label bound twice: " + label);
        label.position = insns.size();
        return this;
    }

    public int size() { return insns.size(); }

    public Asm emit(Insn insn) {
        insns.add(insn);
        origins.add(origin);
        return this;
    }

    /** Tags the instructions emitted from now on with {@code source} (any value; null for none); returns the previous tag. */
    public Object origin(Object source) {
        Object previous = origin;
        origin = source;
        return previous;
    }

    /** The tag of each instruction, index for index with {@link #build()}. */
    public List<Object> origins() { return java.util.Collections.unmodifiableList(new ArrayList<>(origins)); }

    // ---- ALU ----
    public Asm mov(Reg dst, Reg src) { return alu64Reg(Op.MOV, dst, src); }

    public Asm mov(Reg dst, int imm) { return alu64Imm(Op.MOV, dst, imm); }

    /** 32-bit register move; zero-extends the low half of src into dst. */
    public Asm mov32(Reg dst, Reg src) { return emit(new Insn(Op.ALU | Op.MOV | Op.X, dst.id(), src.id(), 0, 0)); }

    public Asm alu64Reg(int op, Reg dst, Reg src) { return emit(new Insn(Op.ALU64 | op | Op.X, dst.id(), src.id(), 0, 0)); }

    public Asm alu64Imm(int op, Reg dst, int imm) { return emit(new Insn(Op.ALU64 | op | Op.K, dst.id(), 0, 0, imm)); }

    /** 32-bit ALU op; the result is zero-extended into the 64-bit register. */
    public Asm alu32Imm(int op, Reg dst, int imm) { return emit(new Insn(Op.ALU | op | Op.K, dst.id(), 0, 0, imm)); }

    public Asm add(Reg dst, int imm) { return alu64Imm(Op.ADD, dst, imm); }

    /** Reverses the low {@code bits} (16, 32 or 64) bytes of dst, zeroing the rest: BPF_END to big endian on a little-endian host. */
    public Asm swapBytes(Reg dst, int bits) { return emit(new Insn(Op.ALU | Op.END | Op.X, dst.id(), 0, 0, bits)); }

    public Asm neg(Reg dst) { return emit(new Insn(Op.ALU64 | Op.NEG, dst.id(), 0, 0, 0)); }

    /** Loads any 64-bit constant (two instruction slots). */
    public Asm ldImm64(Reg dst, long value) {
        emit(new Insn(Op.LD | Op.DW | Op.IMM, dst.id(), 0, 0, (int) value));
        return emit(new Insn(0, 0, 0, 0, (int) (value >>> 32)));
    }

    /** Loads the address of map {@code mapIndex}; the loader patches in the fd. */
    public Asm ldMap(Reg dst, int mapIndex) {
        mapRefs.add(new MapRef(insns.size(), mapIndex));
        emit(new Insn(Op.LD | Op.DW | Op.IMM, dst.id(), Op.PSEUDO_MAP_FD, 0, 0));
        return emit(new Insn(0, 0, 0, 0, 0));
    }

    /**
     * Loads a pointer to byte {@code offset} of an array map's first value, which needs no lookup
     * and no null check (the verifier knows the value exists); the loader patches in the fd.
     */
    public Asm ldMapValue(Reg dst, int mapIndex, int offset) {
        mapRefs.add(new MapRef(insns.size(), mapIndex));
        emit(new Insn(Op.LD | Op.DW | Op.IMM, dst.id(), Op.PSEUDO_MAP_VALUE, 0, 0));
        return emit(new Insn(0, 0, 0, 0, offset));
    }

    /**
     * Loads the address of the subprogram starting at {@code target} (a callback for a helper such as
     * bpf_for_each_map_elem): ld_imm64 with src BPF_PSEUDO_FUNC, imm relative to the next instruction.
     */
    public Asm ldFunc(Reg dst, Label target) {
        funcRefs.add(new Fixup(insns.size(), target));
        emit(new Insn(Op.LD | Op.DW | Op.IMM, dst.id(), Op.PSEUDO_FUNC, 0, 0));
        return emit(new Insn(0, 0, 0, 0, 0));
    }

    /** Starts a subprogram here: binds {@code label} and records it for the loader's function info. */
    public Asm subprogram(Label label) {
        subprograms.add(label);
        return bind(label);
    }

    // ---- memory ----
    public Asm load(int bytes, Reg dst, Reg base, int off) {
        return emit(new Insn(Op.LDX | Op.MEM | Op.size(bytes), dst.id(), base.id(), off, 0));
    }

    public Asm store(int bytes, Reg base, int off, Reg src) {
        return emit(new Insn(Op.STX | Op.MEM | Op.size(bytes), base.id(), src.id(), off, 0));
    }

    public Asm storeImm(int bytes, Reg base, int off, int imm) {
        return emit(new Insn(Op.ST | Op.MEM | Op.size(bytes), base.id(), 0, off, imm));
    }

    /** Atomic {@code *(base + off) += src} (64 or 32 bit). */
    public Asm atomicAdd(int bytes, Reg base, int off, Reg src) {
        return emit(new Insn(Op.STX | Op.ATOMIC | Op.size(bytes), base.id(), src.id(), off, Op.ADD));
    }

    // ---- jumps ----
    public Asm jump(Label target) { return jmp(new Insn(Op.JMP | Op.JA, 0, 0, 0, 0), target); }

    public Asm jumpIf(int op, Reg dst, int imm, Label target) {
        return jmp(new Insn(Op.JMP | op | Op.K, dst.id(), 0, 0, imm), target);
    }

    public Asm jumpIf(int op, Reg dst, Reg src, Label target) {
        return jmp(new Insn(Op.JMP | op | Op.X, dst.id(), src.id(), 0, 0), target);
    }

    private Asm jmp(Insn insn, Label target) {
        fixups.add(new Fixup(insns.size(), target));
        return emit(insn);
    }

    public Asm call(Helper helper) { return emit(new Insn(Op.JMP | Op.CALL, 0, 0, 0, helper.id)); }

    public Asm exit() { return emit(new Insn(Op.JMP | Op.EXIT, 0, 0, 0, 0)); }

    /** Whether any jump emitted so far targets {@code label} (an unreferenced block would be dead code). */
    public boolean isReferenced(Label label) {
        return fixups.stream().anyMatch(f -> f.target() == label);
    }

    /**
     * Removes the first instruction (a prologue found unneeded); later instructions, jumps, map and
     * function references move up one. Nothing may jump to it.
     */
    public void removeFirst() {
        java.util.Set<Label> labels = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Fixup f : fixups) labels.add(f.target());
        for (Fixup f : funcRefs) labels.add(f.target());
        labels.addAll(subprograms);
        for (Label l : labels) {
            if (l.position == 0) throw new IllegalStateException("a jump targets the first instruction: " + l);
            if (l.bound()) l.position--;
        }
        fixups.replaceAll(f -> new Fixup(f.insnIndex() - 1, f.target()));
        funcRefs.replaceAll(f -> new Fixup(f.insnIndex() - 1, f.target()));
        mapRefs.replaceAll(m -> new MapRef(m.insnIndex() - 1, m.mapIndex()));
        insns.remove(0);
        origins.remove(0);
    }

    /** Resolves jumps and returns the finished instruction list. */
    public List<Insn> build() {
        List<Insn> out = new ArrayList<>(insns);
        for (Fixup f : fixups) {
            if (!f.target().bound()) throw new IllegalStateException("unbound label: " + f.target());
            out.set(f.insnIndex(), out.get(f.insnIndex()).withOff(f.target().position - f.insnIndex() - 1));
        }
        for (Fixup f : funcRefs) {
            if (!f.target().bound()) throw new IllegalStateException("unbound label: " + f.target());
            out.set(f.insnIndex(), out.get(f.insnIndex()).withImm(f.target().position - f.insnIndex() - 1));
        }
        return out;
    }

    /** Instruction indexes where subprograms start, in order (the main program at 0 is not listed). */
    public List<Integer> subprogramStarts() {
        return subprograms.stream().map(l -> l.position).sorted().toList();
    }

    public List<MapRef> mapRefs() { return List.copyOf(mapRefs); }
}
