package io.jbpftrace.kernel;

import com.sun.jna.Memory;
import io.jbpftrace.spi.PerfEventAttr;

/** Lays out {@code struct perf_event_attr} (include/uapi/linux/perf_event.h) in native memory. */
final class PerfEventAttrLayout {
    private PerfEventAttrLayout() {}

    /** PERF_ATTR_SIZE_VER7: everything up to sig_data; the kernel accepts any published size. */
    static final int SIZE = 128;
    private static final int TYPE = 0, ATTR_SIZE = 4, CONFIG = 8, SAMPLE_PERIOD = 16, SAMPLE_TYPE = 24,
            FLAGS = 40, WAKEUP_EVENTS = 48, CONFIG1 = 56, CONFIG2 = 64;
    static final long PERF_SAMPLE_RAW = 1L << 10;
    static final long FLAG_DISABLED = 1L, FLAG_FREQ = 1L << 10;

    /**
     * The event starts disabled so the BPF program is in place before the first hit; one sample per
     * event and raw samples, as tracers attaching BPF programs to perf events do.
     */
    static Memory write(PerfEventAttr attr) {
        Memory m = new Memory(SIZE);
        m.clear();
        m.setInt(TYPE, attr.type());
        m.setInt(ATTR_SIZE, SIZE);
        m.setLong(CONFIG, attr.config());
        m.setLong(SAMPLE_PERIOD, attr.period()); // union with sample_freq, chosen by the freq flag
        m.setLong(SAMPLE_TYPE, PERF_SAMPLE_RAW);
        m.setLong(FLAGS, FLAG_DISABLED | (attr.freq() ? FLAG_FREQ : 0));
        m.setInt(WAKEUP_EVENTS, 1);
        m.setLong(CONFIG1, attr.config1());
        m.setLong(CONFIG2, attr.config2());
        return m;
    }
}
