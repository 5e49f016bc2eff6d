package io.jbpftrace.codegen;

import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Label;
import io.jbpftrace.bpf.Op;
import io.jbpftrace.bpf.Reg;
import io.jbpftrace.lang.CompileError;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * -k and -kk: after a helper call, a negative result sends a record (site id, error) so userspace
 * prints bpftrace's warning. -k checks helpers other than reads, -kk every one listed here.
 */
final class HelperChecks {
    private static final Set<Helper> READS = EnumSet.of(Helper.PROBE_READ, Helper.PROBE_READ_STR, Helper.PROBE_READ_USER,
            Helper.PROBE_READ_KERNEL, Helper.PROBE_READ_USER_STR, Helper.PROBE_READ_KERNEL_STR);
    private static final Set<Helper> OTHERS = EnumSet.of(Helper.MAP_UPDATE_ELEM, Helper.MAP_DELETE_ELEM);

    private final GenState g;

    HelperChecks(GenState g) { this.g = g; }

    static boolean checked(Helper h, int level) {
        return level >= 2 && READS.contains(h) || level >= 1 && OTHERS.contains(h);
    }

    /** Calls {@code helper}, then checks its result when the level asks for it; R0 keeps the result. */
    void call(Helper helper) {
        g.asm.call(helper);
        if (g.site == null || !checked(helper, g.ctx.helperChecks())) return;
        String name = helper.name().toLowerCase(Locale.ROOT);
        CompileError at = g.ctx.helperSite(g.site, "Failed to " + name + ": " + OutputTable.HelperSite.ERROR);
        int id = g.output.addHelperSite(new OutputTable.HelperSite(name, at.format("WARNING") + "\n", at.pos().line(), at.pos().col()));
        Label ok = g.asm.newLabel("helper_ok");
        g.asm.jumpIf(Op.JSGE, Reg.R0, 0, ok);
        int mark = g.frame.mark();
        int rec = g.frame.alloc(EventKind.HEADER + 8);
        g.asm.store(8, Reg.FP, rec + EventKind.HEADER, Reg.R0);
        g.asm.storeImm(8, Reg.FP, rec, EventKind.header(EventKind.HELPER_ERROR, id));
        g.asm.ldMap(Reg.R1, g.ringbufMap);
        g.stackPtr(Reg.R2, rec);
        g.asm.mov(Reg.R3, EventKind.HEADER + 8).mov(Reg.R4, OutputGen.NO_WAKEUP);
        g.asm.call(Helper.RINGBUF_OUTPUT);
        g.asm.load(8, Reg.R0, Reg.FP, rec + EventKind.HEADER); // the failed call's result, as without the check
        g.frame.release(mark);
        g.asm.bind(ok);
    }
}
