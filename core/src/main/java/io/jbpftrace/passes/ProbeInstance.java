package io.jbpftrace.passes;

import io.jbpftrace.lang.ast.AttachPointNode;
import io.jbpftrace.lang.ast.Probe;
import io.jbpftrace.spi.ProbeProvider;
import io.jbpftrace.spi.ProbeTarget;

/** One probe block bound to one concrete target: the unit that becomes one BPF program. */
public record ProbeInstance(int index, Probe probe, AttachPointNode attachPoint, ProbeTarget target, ProbeProvider provider) {
    /** The probe type as written ({@code BEGIN}, {@code t}, {@code uprobe}), which bpftrace's errors name. */
    public String probeType() { return io.jbpftrace.spi.AttachPoint.parse(attachPoint.raw()).type(); }
}
