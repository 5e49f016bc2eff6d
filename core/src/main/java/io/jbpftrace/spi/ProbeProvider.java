package io.jbpftrace.spi;

import io.jbpftrace.bpf.ProgType;
import java.util.List;
import java.util.Optional;

/**
 * A family of probes (tracepoint, profile, uprobe ...). Registered as an OSGi service (or found by
 * ServiceLoader outside OSGi); the compiler looks providers up by probe type and never names one.
 */
public interface ProbeProvider {

    /** Probe types owned: the canonical name first, then aliases ({@code tracepoint}, {@code t}). */
    List<String> probeTypes();

    /** Resolves a probe, wildcards included, into concrete targets; none found is an error. */
    List<ProbeTarget> expand(AttachPoint probe, Kernel kernel) throws ProbeException;

    /** Probe names matching a {@code -l} pattern (a glob over the full name). */
    default List<String> list(String pattern, Kernel kernel) throws ProbeException { return List.of(); }

    /**
     * The lines {@code -lv} shows under a listed probe, each already indented (a tracepoint's fields,
     * {@code "    int fd"}); none by default.
     */
    default List<String> describe(String probeName, Kernel kernel) throws ProbeException { return List.of(); }

    /** The BPF program type the target's programs are loaded as. */
    ProgType programType(ProbeTarget target);

    /**
     * Load-time attributes the target's program needs besides its type (fentry/fexit programs name
     * their kernel function's BTF id); most probe types need none.
     */
    default LoadAttributes loadAttributes(ProbeTarget target) { return LoadAttributes.NONE; }

    /** A builtin this provider serves for the target, if it owns one by that name. */
    default Optional<Builtin> builtin(String name, ProbeTarget target) throws ProbeException { return Optional.empty(); }

    /**
     * {@code uaddr(symbol)}: code leaving the run-time address of a symbol of the probed binary
     * (see {@link SymbolAddress}); empty where the probe type has no binary.
     */
    default Optional<Builtin> symbolAddress(String symbol, ProbeTarget target) throws ProbeException { return Optional.empty(); }

    /** Attaches a loaded program to the target. */
    Attachment attach(ProbeTarget target, int programFd, Kernel kernel) throws ProbeException;
}
