package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.ast.Expr;
import io.jbpftrace.types.Type;
import java.util.ArrayList;
import java.util.List;

/** Lowers calls whose work is done in userspace: they send a record through the ring buffer. */
final class OutputGen {
    private final GenState g;
    private final Asm asm;
    private final ExprGen exprs;

    OutputGen(GenState g, ExprGen exprs) {
        this.g = g;
        this.asm = g.asm;
        this.exprs = exprs;
    }

    /** printf, system, cat: a format literal and its arguments, formatted in userspace. */
    void formatted(long kind, Expr.Call call) {
        send(kind, ((Expr.StrLit) call.args().get(0)).value(), call.args().subList(1, call.args().size()));
    }

    /** time([format]): userspace prints the wall-clock time. */
    void time(Expr.Call call) {
        String format = call.args().isEmpty() ? "%H:%M:%S\n" : ((Expr.StrLit) call.args().get(0)).value();
        send(EventKind.TIME, format, List.of());
    }

    /** print(value) of a non-map expression. */
    void printValue(Expr.Call call) {
        send(EventKind.PRINT_VALUE, "", call.args().subList(0, 1));
    }

    private void send(long kind, String format, List<Expr> args) {
        List<Type> types = new ArrayList<>();
        int size = EventKind.HEADER;
        for (Expr a : args) {
            Type t = g.type(a);
            types.add(t);
            size += Type.align8(t.size());
        }
        int id = g.output.add(format, types);
        int mark = g.frame.mark();
        int rec = header(size, kind, id);
        int at = rec + EventKind.HEADER;
        for (int i = 0; i < args.size(); i++) {
            exprs.into(args.get(i), at, Type.align8(types.get(i).size()));
            at += Type.align8(types.get(i).size());
        }
        send(rec, size, NO_WAKEUP);
        g.frame.release(mark);
    }

    /** Arguments join() reads, and the bytes kept of each (bpftrace's limits). */
    static final int JOIN_ARGS = 16, JOIN_ARG_SIZE = 64;

    /**
     * join(char **argv [, delimiter]): one record per argument (they don't all fit the BPF stack),
     * then an end record; userspace prints them joined.
     */
    void join(Expr.Call call) {
        String delim = call.args().size() == 2 ? ((Expr.StrLit) call.args().get(1)).value() : " ";
        int id = g.output.add(delim, List.of());
        int mark = g.frame.mark();
        int base = g.frame.alloc(8), ptr = g.frame.alloc(8);
        int rec = header(EventKind.HEADER + 8 + JOIN_ARG_SIZE, EventKind.JOIN_ARG, id);
        exprs.toR0(call.args().get(0));
        asm.store(8, Reg.FP, base, Reg.R0);
        io.jbpftrace.bpf.Label end = asm.newLabel("joinend");
        boolean user = g.type(call.args().get(0)) instanceof Type.Pointer p && p.user();
        for (int i = 0; i < JOIN_ARGS; i++) {
            asm.storeImm(8, Reg.FP, ptr, 0);
            g.stackPtr(Reg.R1, ptr);
            asm.mov(Reg.R2, 8).load(8, Reg.R3, Reg.FP, base).add(Reg.R3, 8 * i);
            asm.call(user ? Helper.PROBE_READ_USER : Helper.PROBE_READ);
            asm.load(8, Reg.R3, Reg.FP, ptr).jumpIf(io.jbpftrace.bpf.Op.JEQ, Reg.R3, 0, end);
            g.zero(rec + EventKind.HEADER + 8, JOIN_ARG_SIZE);
            asm.storeImm(8, Reg.FP, rec + EventKind.HEADER, i);
            g.stackPtr(Reg.R1, rec + EventKind.HEADER + 8);
            asm.mov(Reg.R2, JOIN_ARG_SIZE);
            asm.call(user ? Helper.PROBE_READ_USER_STR : Helper.PROBE_READ_STR);
            send(rec, EventKind.HEADER + 8 + JOIN_ARG_SIZE, NO_WAKEUP);
        }
        asm.bind(end);
        asm.storeImm(8, Reg.FP, rec, EventKind.header(EventKind.JOIN_END, id));
        send(rec, EventKind.HEADER, NO_WAKEUP);
        g.frame.release(mark);
    }

    /**
     * exit([code]): tells userspace to stop (at once: it wakes the reader), then leaves this probe.
     * A full ring drops the record, so the flag and code also go beside the lost-event count, where
     * userspace finds them anyway; that drop is not a lost event.
     */
    void exit(Expr.Call call) {
        int mark = g.frame.mark();
        int rec = header(EventKind.HEADER + 8, EventKind.EXIT, 0);
        if (call.args().isEmpty()) asm.storeImm(8, Reg.FP, rec + 8, 0);
        else {
            exprs.toR0(call.args().get(0));
            asm.store(8, Reg.FP, rec + 8, Reg.R0);
        }
        output(rec, EventKind.HEADER + 8, FORCE_WAKEUP);
        asm.ldMapValue(Reg.R1, g.analysis.lostEvents(), 0);
        asm.load(8, Reg.R2, Reg.FP, rec + 8).store(8, Reg.R1, EventKind.EXIT_CODE, Reg.R2).storeImm(8, Reg.R1, EventKind.EXIT_FLAG, 1);
        g.frame.release(mark);
        asm.jump(g.exit);
    }

    /**
     * print(@m [, top [, div]]), clear(@m), zero(@m): the map id and two optional numbers. They wake
     * the reader, so the map is read (or cleared) close to when the probe asked.
     */
    void mapAction(long kind, Expr.Call call) {
        Expr.MapRef map = (Expr.MapRef) call.args().get(0);
        int mark = g.frame.mark();
        int rec = header(EventKind.HEADER + 16, kind, g.analysis.map(map.name()).id());
        for (int i = 1; i <= 2; i++) {
            if (i < call.args().size()) {
                exprs.toR0(call.args().get(i));
                asm.store(8, Reg.FP, rec + EventKind.HEADER + 8 * (i - 1), Reg.R0);
            } else {
                asm.storeImm(8, Reg.FP, rec + EventKind.HEADER + 8 * (i - 1), 0);
            }
        }
        send(rec, EventKind.HEADER + 16, FORCE_WAKEUP);
        g.frame.release(mark);
    }

    private int header(int size, long kind, int id) {
        int rec = g.frame.alloc(size);
        asm.storeImm(8, Reg.FP, rec, EventKind.header(kind, id));
        return rec;
    }

    /**
     * bpf_ringbuf_output flags. Records that only print don't wake the reader: a wake-up per record
     * costs the traced thread an interrupt and the reader a context switch, and the reader polls
     * often anyway while records come (see Tracer); exit and map actions wake it at once.
     */
    static final int NO_WAKEUP = 1, FORCE_WAKEUP = 2;

    private void send(int rec, int size, int wakeFlags) {
        output(rec, size, wakeFlags);
        countLost();
    }

    private void output(int rec, int size, int wakeFlags) {
        asm.ldMap(Reg.R1, g.ringbufMap);
        g.stackPtr(Reg.R2, rec);
        asm.mov(Reg.R3, size).mov(Reg.R4, wakeFlags);
        asm.call(Helper.RINGBUF_OUTPUT);
    }

    /**
     * A full ring drops the event: count it so userspace can say "Lost N events" like bpftrace.
     * Branch-free (the helper's error is negative, so its sign bit is the count), because a branch per
     * output in a long loop makes the verifier give up on the program.
     */
    private void countLost() {
        asm.alu64Imm(Op.RSH, Reg.R0, 63);
        asm.ldMapValue(Reg.R1, g.analysis.lostEvents(), 0);
        asm.atomicAdd(8, Reg.R1, EventKind.LOST_COUNT, Reg.R0);
    }
}
