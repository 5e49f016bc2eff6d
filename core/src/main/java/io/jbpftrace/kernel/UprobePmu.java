package io.jbpftrace.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's uprobe PMU as sysfs describes it: its dynamic perf event type and which config bit
 * asks for a return probe. Opening an event of this type creates a private uprobe that vanishes with
 * the fd, so nothing is left behind in tracefs' uprobe_events.
 */
record UprobePmu(int type, long retprobeConfig) {
    static final Path SYSFS = Path.of("/sys/bus/event_source/devices/uprobe");

    static UprobePmu read(Path device) throws IOException {
        int type = Integer.parseInt(Files.readString(device.resolve("type")).trim());
        return new UprobePmu(type, 1L << configBit(Files.readString(device.resolve("format/retprobe")).trim()));
    }

    /** The first bit of a format spec such as {@code config:0} or {@code config:32-63}. */
    static int configBit(String format) throws IOException {
        if (!format.startsWith("config:")) throw new IOException("unexpected uprobe retprobe format: " + format);
        String bits = format.substring("config:".length());
        int dash = bits.indexOf('-');
        return Integer.parseInt(dash < 0 ? bits : bits.substring(0, dash));
    }
}
