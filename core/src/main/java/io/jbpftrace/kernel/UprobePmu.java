package io.jbpftrace.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's uprobe PMU as sysfs describes it: its dynamic perf event type and which config bit
 * asks for a return probe. Opening an event of this type creates a private uprobe that vanishes with
 * the fd, so nothing is left behind in tracefs' uprobe_events.
 */
record UprobePmu(int type, long retprobeConfig, int refCtrShift) {
    static final Path SYSFS = Path.of("/sys/bus/event_source/devices/uprobe");

    /**
     * {@code refCtrShift} is where config holds a USDT semaphore's file offset (kernel 4.20+), -1 when
     * this kernel cannot maintain semaphores itself.
     */
    static UprobePmu read(Path device) throws IOException {
        int type = Integer.parseInt(Files.readString(device.resolve("type")).trim());
        Path refCtr = device.resolve("format/ref_ctr_offset");
        int refCtrShift = Files.exists(refCtr) ? configBit(Files.readString(refCtr).trim()) : -1;
        return new UprobePmu(type, 1L << configBit(Files.readString(device.resolve("format/retprobe")).trim()), refCtrShift);
    }

    /** The config of a probe: the return-probe bit and the semaphore's file offset. */
    long config(boolean retprobe, long refCtrOffset) throws IOException {
        long config = retprobe ? retprobeConfig : 0;
        if (refCtrOffset == 0) return config;
        if (refCtrShift < 0) throw new IOException("this kernel's uprobe PMU has no ref_ctr_offset for USDT semaphores");
        return config | refCtrOffset << refCtrShift;
    }

    /** The first bit of a format spec such as {@code config:0} or {@code config:32-63}. */
    static int configBit(String format) throws IOException {
        if (!format.startsWith("config:")) throw new IOException("unexpected uprobe PMU format: " + format);
        String bits = format.substring("config:".length());
        int dash = bits.indexOf('-');
        return Integer.parseInt(dash < 0 ? bits : bits.substring(0, dash));
    }
}
