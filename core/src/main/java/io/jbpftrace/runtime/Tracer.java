package io.jbpftrace.runtime;

import io.jbpftrace.bpf.Asm;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.bpf.MapType;
import io.jbpftrace.codegen.EventKind;
import io.jbpftrace.codegen.GeneratedProgram;
import io.jbpftrace.kernel.BpfMap;
import io.jbpftrace.kernel.BpfProgram;
import io.jbpftrace.kernel.KernelException;
import io.jbpftrace.kernel.RingBuffer;
import io.jbpftrace.output.MapEntry;
import io.jbpftrace.output.MapKind;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.passes.ProbeInstance;
import io.jbpftrace.spi.Attachment;
import io.jbpftrace.spi.Kernel;
import io.jbpftrace.spi.ProbeException;
import io.jbpftrace.spi.ProbeProvider;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs a compiled script: creates maps, loads and attaches programs, runs BEGIN, turns ring buffer
 * records into output, and at the end runs END and prints the maps. Owns every kernel object it
 * creates; {@link #close()} releases all of them.
 */
public final class Tracer implements AutoCloseable {
    private static final int MAX_STACKS = 4096;
    /**
     * Programs do not wake the output loop for printf and the like (see OutputGen), so it polls: while
     * records keep coming it reads every {@link #BUSY_POLL_NANOS} (at once if the ring is filling up),
     * and when none came it waits twice as long as the last time, up to {@link #IDLE_POLL_MS}: the
     * longest a lone printf waits before it is printed. exit() and map actions wake it at once.
     */
    private static final long BUSY_POLL_NANOS = 1_000_000;
    private static final int IDLE_POLL_MS = 10;
    /** A ring filled this far (1/FILLING_UP) is read again without a pause. */
    private static final int FILLING_UP = 8;
    private static final int BEGIN_RINGBUF_BYTES = 1 << 18;

    private final Compiler.Result script;
    private final Kernel kernel;
    private final OutputSink output;
    private final List<BpfMap> maps = new ArrayList<>();
    private GeneratedProgram loading;
    private final List<BpfProgram> programs = new ArrayList<>();
    /** Guarded by itself: a provider going away detaches its probes from another thread. */
    private final List<ProviderAttachment> attachments = new ArrayList<>();
    private final ValueDecoder decoder;
    private final MapReader reader;
    private final EventDispatcher events;
    private RingBuffer ring;
    private RingBuffer beginRing;
    private BpfMap lostEvents;
    private final byte[] lostKey = new byte[4], lostValue = new byte[EventKind.LOST_VALUE_SIZE];
    private long lostReported;
    private volatile boolean exitRequested;
    private boolean dropEvents;
    private long exitCode;
    private static final BooleanSupplier NEVER = () -> false;
    private static final int STOP_CHECK_EVERY = 255; // a mask: every 256th event
    private BooleanSupplier stopBetweenEvents = NEVER;
    private int eventsSinceStopCheck;
    private long drainBudgetNanos = Long.MAX_VALUE;
    private long drainDeadline = Long.MAX_VALUE;
    private long skippedAtEnd;

    public Tracer(Compiler.Result script, Kernel kernel, OutputSink output) {
        this.script = script;
        this.kernel = kernel;
        this.output = output;
        StackReader stacks = new StackReader(frames -> maps.get(script.analysis().stackMapIndex(frames)));
        this.decoder = new ValueDecoder(i -> script.analysis().instances().get(i).target().name(), stacks::read);
        this.reader = new MapReader(decoder);
        this.events = new EventDispatcher(script.output(), decoder, output, new Actions());
    }

    /** The program {@link #load()} was loading when it failed (the verifier's rejection is about it). */
    public GeneratedProgram lastLoaded() { return loading; }

    /** Creates the maps and loads every program; nothing is attached yet. */
    public void load() throws KernelException {
        for (MapInfo info : script.analysis().maps().values()) {
            if (info.bucketArray()) {
                maps.add(BpfMap.create(MapType.PERCPU_ARRAY, info.name(), info.keySize(), info.valueSize(), info.histBuckets()));
                continue;
            }
            MapType type = info.kind().perCpu() ? MapType.PERCPU_HASH : MapType.HASH;
            maps.add(BpfMap.create(type, info.name(), info.keySize(), info.valueSize(), script.context().config().maxMapKeys()));
        }
        BpfMap ringbuf = BpfMap.create(MapType.RINGBUF, "output", 0, 0, script.output().ringBytes());
        maps.add(ringbuf);
        ring = new RingBuffer(ringbuf, this::onEvent);
        for (int frames : script.analysis().stackDepths()) {
            maps.add(BpfMap.create(MapType.STACK_TRACE, "stack_" + frames, 4, 8 * frames, MAX_STACKS));
        }
        BpfMap beginOutput = BpfMap.create(MapType.RINGBUF, "begin_output", 0, 0, BEGIN_RINGBUF_BYTES);
        maps.add(beginOutput);
        beginRing = new RingBuffer(beginOutput, this::onEvent);
        lostEvents = BpfMap.create(MapType.ARRAY, "lost_events", 4, EventKind.LOST_VALUE_SIZE, 1);
        maps.add(lostEvents);
        for (GeneratedProgram p : script.programs()) {
            ProbeInstance pi = p.instance();
            loading = p;
            programs.add(BpfProgram.load(pi.provider().programType(pi.target()), pi.provider().loadAttributes(pi.target()),
                    programName(pi), withMapFds(p), p.subprogramStarts()));
        }
    }

    private static String programName(ProbeInstance pi) {
        return pi.target().name().replaceAll("[^A-Za-z0-9_]", "_");
    }

    private List<Insn> withMapFds(GeneratedProgram p) {
        List<Insn> insns = new ArrayList<>(p.insns());
        for (Asm.MapRef ref : p.mapRefs()) {
            insns.set(ref.insnIndex(), insns.get(ref.insnIndex()).withImm(maps.get(ref.mapIndex()).fd()));
        }
        return insns;
    }

    /** The probe count bpftrace announces: every program, BEGIN and END included. */
    public int probeCount() { return script.programs().size(); }

    /** Attaches every program except BEGIN/END; returns {@link #probeCount()}. */
    public int attach() throws ProbeException {
        List<GeneratedProgram> all = script.programs();
        for (int i = 0; i < all.size(); i++) {
            ProbeInstance pi = all.get(i).instance();
            if (isSpecial(pi)) continue;
            Attachment a;
            try {
                a = pi.provider().attach(pi.target(), programs.get(i).fd(), kernel);
            } catch (ProbeException e) {
                // bpftrace names the probe; the cause says what the kernel refused. close() detaches the rest.
                throw new ProbeException("Error attaching probe: " + pi.target().name() + ": " + e.getMessage(), e);
            }
            synchronized (attachments) {
                attachments.add(new ProviderAttachment(pi.provider(), a));
            }
        }
        return all.size();
    }

    private static boolean isSpecial(ProbeInstance pi) { return pi.provider() instanceof BeginEndProvider; }

    public void announce(int probes) {
        output.attached(probes);
        output.drained();
    }

    /** Runs the BEGIN program and prints what it sent, before anything the attached probes sent. */
    public void begin() throws KernelException {
        runSpecial(BeginEndProvider.BEGIN);
        try {
            beginRing.consume();
            ring.consume();
        } catch (StopPolling e) {
            // stopped while reading what came first; run() sees the same stop and returns at once
        }
        reportLost();
        output.drained();
    }

    private void runSpecial(String which) throws KernelException {
        List<GeneratedProgram> all = script.programs();
        for (int i = 0; i < all.size(); i++) {
            ProbeInstance pi = all.get(i).instance();
            if (isSpecial(pi) && pi.target().name().equals(which)) programs.get(i).testRun();
        }
    }

    /**
     * What else ends the run besides exit(), asked between events too: under a steady flood (or a
     * probe that our own output triggers) one read of the ring never returns on its own, and Ctrl-C
     * or a closed output must still end the run at once. Set before {@link #begin()}.
     */
    public void stopWhen(BooleanSupplier stop) { stopBetweenEvents = stop; }

    /**
     * After a Ctrl-C the user wants out: {@link #end()} prints what the ring still holds for at most
     * {@code budget}, then counts the rest as lost events instead of formatting them.
     */
    public void limitFinalDrain(java.time.Duration budget) { drainBudgetNanos = budget.toNanos(); }

    /** Polls the output until exit() was called or {@code stop} says so. */
    public void run(BooleanSupplier stop) throws KernelException {
        stopWhen(stop);
        try {
            int idleMs = 1;
            while (!exitRequested && !stop.getAsBoolean()) {
                int handled = ring.consume();
                if (handled > 0 | reportLost()) output.drained();
                if (handled > 0) {
                    idleMs = 1;
                    if (ring.pendingBytes() < ring.capacity() / FILLING_UP) LockSupport.parkNanos(BUSY_POLL_NANOS);
                } else if (ring.poll(idleMs) > 0) {
                    output.drained();
                } else {
                    idleMs = Math.min(IDLE_POLL_MS, 2 * idleMs);
                }
            }
        } catch (StopPolling e) {
            reportLost();
            output.drained();
        } finally {
            stopBetweenEvents = NEVER;
        }
    }

    /** Leaves a poll from inside the event callback; the event that saw the stop was handled first. */
    private static final class StopPolling extends RuntimeException {
        StopPolling() { super("stop", null, false, false); }
    }

    /**
     * Says how many events full rings dropped since it last said so, as bpftrace does; true if it did.
     * Also notices an exit() whose record a full ring dropped: what the ring holds still comes first.
     */
    private boolean reportLost() throws KernelException {
        if (!lostEvents.lookup(lostKey, lostValue)) return false;
        ByteBuffer value = ByteBuffer.wrap(lostValue).order(java.nio.ByteOrder.nativeOrder());
        if (value.getLong(EventKind.EXIT_FLAG) != 0 && !exitRequested) {
            exitCode = value.getLong(EventKind.EXIT_CODE);
            exitRequested = true;
        }
        long lost = value.getLong(EventKind.LOST_COUNT);
        boolean more = lost > lostReported;
        if (more) output.lostEvents(lost - lostReported);
        lostReported = lost;
        return more;
    }

    public boolean exitRequested() { return exitRequested; }

    public long exitCode() { return exitCode; }

    /** Detaches probes, runs END, and prints every map like bpftrace does at exit. */
    public void end() throws KernelException {
        stopBetweenEvents = NEVER; // what is left in the rings after detaching is finite: print it all
        detach();
        if (drainBudgetNanos != Long.MAX_VALUE) drainDeadline = System.nanoTime() + drainBudgetNanos;
        ring.consume();
        drainDeadline = Long.MAX_VALUE;
        if (skippedAtEnd > 0) output.lostEvents(skippedAtEnd);
        skippedAtEnd = 0;
        dropEvents = false;
        runSpecial(BeginEndProvider.END);
        ring.consume();
        reportLost();
        Map<String, List<MapEntry>> all = new LinkedHashMap<>();
        Map<String, MapKind> kinds = new LinkedHashMap<>();
        for (MapInfo info : script.analysis().maps().values()) {
            all.put(info.name(), reader.read(info, maps.get(info.id())));
            kinds.put(info.name(), kindOf(info));
        }
        output.mapsAtExit(all, kinds);
        output.drained();
    }

    /**
     * The maps that held as many keys as they may (so updates adding keys were refused) when they were
     * last read: printed, or read at exit. Counting each refusal in BPF would cost every update.
     */
    public java.util.Set<String> fullMaps() { return reader.fullMaps(); }

    /** The most keys a map holds (BPFTRACE_MAP_KEYS_MAX, config max_map_keys). */
    public int maxMapKeys() { return script.context().config().maxMapKeys(); }

    /** Every map's current contents, by name, while tracing or after the end. */
    public Map<String, List<MapEntry>> readMaps() throws KernelException {
        Map<String, List<MapEntry>> all = new LinkedHashMap<>();
        for (MapInfo info : script.analysis().maps().values()) all.put(info.name(), reader.read(info, maps.get(info.id())));
        return all;
    }

    /** Every map's current contents with stack key parts kept as StackTrace objects, for flame graphs. */
    public Map<MapInfo, List<MapEntry>> readMapsKeepingStacks() throws KernelException {
        Map<MapInfo, List<MapEntry>> all = new LinkedHashMap<>();
        for (MapInfo info : script.analysis().maps().values()) all.put(info, reader.read(info, maps.get(info.id()), true));
        return all;
    }

    private void printMap(MapInfo info, int top, int div) throws KernelException {
        output.map(info.name(), reader.read(info, maps.get(info.id())), top, div, kindOf(info));
    }

    private static MapKind kindOf(MapInfo info) {
        return switch (info.kind()) {
            case HIST, LHIST -> MapKind.HIST;
            case AVG, STATS -> MapKind.STATS;
            default -> MapKind.SCALAR;
        };
    }

    private void detach() {
        synchronized (attachments) {
            try {
                ParallelDetach.closeAll(attachments.stream().map(ProviderAttachment::attachment).toList());
            } finally {
                attachments.clear();
            }
        }
    }

    /**
     * Detaches the probes a provider attached, e.g. because its bundle is stopping; its programs stay
     * loaded until {@link #close()}. Returns how many attachments were closed.
     */
    public int detach(ProbeProvider provider) {
        synchronized (attachments) {
            List<Attachment> closing = new ArrayList<>();
            for (var it = attachments.iterator(); it.hasNext(); ) {
                ProviderAttachment a = it.next();
                if (a.provider() != provider) continue;
                closing.add(a.attachment());
                it.remove();
            }
            ParallelDetach.closeAll(closing);
            return closing.size();
        }
    }

    /** Number of live attachments (probes attached and not yet detached). */
    public int attachedCount() {
        synchronized (attachments) {
            return attachments.size();
        }
    }

    private record ProviderAttachment(ProbeProvider provider, Attachment attachment) {}

    private void onEvent(ByteBuffer ring, int at, int size) {
        // after exit() the rest is dropped, as bpftrace does; this also ends a loop where our own
        // output triggers the probes that produce it
        if (dropEvents) return;
        if (drainDeadline != Long.MAX_VALUE && System.nanoTime() > drainDeadline) {
            skippedAtEnd++;
            return;
        }
        try {
            events.dispatch(ring, at, size);
        } catch (KernelException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if ((++eventsSinceStopCheck & STOP_CHECK_EVERY) == 0 && stopBetweenEvents.getAsBoolean()) throw new StopPolling();
    }

    /** Map and exit requests from BPF programs, carried out on the tracer's maps. */
    private final class Actions implements EventDispatcher.MapActions {
        @Override public void print(int mapId, int top, int div) throws KernelException { printMap(mapInfo(mapId), top, div); }

        @Override public void clear(int mapId) throws KernelException { maps.get(mapId).clear(); }

        @Override public void zero(int mapId) throws KernelException { Tracer.zero(maps.get(mapId)); }

        @Override public void exit(long code) {
            exitRequested = true;
            dropEvents = true;
            exitCode = code;
        }
    }

    private MapInfo mapInfo(long id) {
        return script.analysis().maps().values().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    /** zero(): keeps the keys, resets every value. */
    private static void zero(BpfMap map) throws KernelException {
        for (BpfMap.Entry e : map.entries()) map.update(e.key(), new byte[e.value().length]);
    }

    @Override
    public void close() {
        try {
            detach(); // probes first: a program or map must not go while a probe still runs it
        } finally {
            if (ring != null) ring.close();
            if (beginRing != null) beginRing.close();
            for (BpfProgram p : programs) p.close();
            for (BpfMap m : maps) m.close();
            programs.clear();
            maps.clear();
        }
    }
}
