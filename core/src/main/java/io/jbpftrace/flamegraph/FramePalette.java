package io.jbpftrace.flamegraph;

import java.nio.charset.StandardCharsets;

/**
 * Frame colours: a hash of the name picks a shade within the palette of the frame's kind, so the
 * same function has the same colour in every graph. User code is warm (red to yellow), kernel code
 * cool (teal to blue), key parts such as comm or pid grey-green.
 */
final class FramePalette {
    private FramePalette() {}

    static String color(Frame frame) {
        int h = hash(frame.name());
        double a = (h & 0xff) / 255.0, b = ((h >>> 8) & 0xff) / 255.0, c = ((h >>> 16) & 0xff) / 255.0;
        return switch (frame.kind()) {
            case USER -> rgb(205 + 50 * c, 60 + 170 * a, 40 + 50 * b);
            case KERNEL -> rgb(60 + 50 * b, 150 + 60 * a, 190 + 50 * c);
            case KEY -> rgb(150 + 40 * a, 170 + 40 * a, 140 + 30 * b);
        };
    }

    /** FNV-1a over the UTF-8 bytes: stable across runs and JVMs, unlike String.hashCode's contract. */
    static int hash(String name) {
        int h = 0x811c9dc5;
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= x & 0xff;
            h *= 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static String rgb(double r, double g, double b) {
        return "rgb(" + Math.round(r) + "," + Math.round(g) + "," + Math.round(b) + ")";
    }
}
