package io.jbpftrace.flamegraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders a {@link StackProfile} as a self-contained interactive SVG flame graph: the root at the
 * bottom, callees stacked above their callers, widths proportional to samples. Each frame carries a
 * {@code <title>} tooltip {@code name (N samples, P%)}; the embedded script (flamegraph.js) adds
 * click-to-zoom, a reset button, a regex search and a details line. Frames narrower than
 * {@link #MIN_WIDTH} pixels are left out, as they could not be seen or clicked.
 */
public final class FlameGraphSvg {
    static final int WIDTH = 1200;
    static final int PAD = 10;
    static final int FRAME_HEIGHT = 16;
    static final double FONT_WIDTH = 12 * 0.59; // average Verdana glyph width at 12px
    static final double MIN_WIDTH = 0.1;
    private static final int TOP = 64;
    private static final int BOTTOM = 36;

    private final StackProfile profile;
    private final String title;
    private final String subtitle;
    private final StringBuilder out = new StringBuilder();
    private int height;
    private double scale;

    private FlameGraphSvg(StackProfile profile, String title, String subtitle) {
        this.profile = profile;
        this.title = title;
        this.subtitle = subtitle;
    }

    /** The whole SVG document. */
    public static String render(StackProfile profile, String title, String subtitle) {
        return new FlameGraphSvg(profile, title, subtitle).document();
    }

    private String document() {
        CallTree root = CallTree.of(profile);
        height = TOP + root.depth() * FRAME_HEIGHT + BOTTOM;
        scale = profile.total() == 0 ? 0 : (double) (WIDTH - 2 * PAD) / profile.total();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" data-total=\"").append(profile.total()).append("\" data-left=\"").append(PAD)
                .append("\" data-width=\"").append(WIDTH - 2 * PAD).append("\" data-font-width=\"").append(num(FONT_WIDTH))
                .append("\">\n");
        header();
        out.append("<g id=\"frames\">\n");
        if (profile.total() > 0) frame(root, 0, 0);
        out.append("</g>\n");
        out.append("<script type=\"text/ecmascript\"><![CDATA[\n").append(script()).append("]]></script>\n");
        out.append("</svg>\n");
        return out.toString();
    }

    private void header() {
        out.append("""
                <defs><linearGradient id="background" x1="0" y1="0" x2="0" y2="1">\
                <stop stop-color="#f4f4f8" offset="0"/><stop stop-color="#dcdce6" offset="1"/></linearGradient></defs>
                <style>
                text { font-family: Verdana, sans-serif; font-size: 12px; fill: #000; }
                #title { font-size: 17px; text-anchor: middle; }
                #subtitle { fill: #555; text-anchor: middle; }
                .button { fill: #225; cursor: pointer; }
                .button:hover { text-decoration: underline; }
                .frame { cursor: pointer; }
                .frame text { pointer-events: none; }
                .frame:hover rect { stroke: #000; stroke-width: 0.6; }
                .hidden { display: none; }
                .parent { opacity: 0.55; }
                </style>
                """);
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"url(#background)\"/>\n");
        out.append("<text id=\"title\" x=\"").append(WIDTH / 2).append("\" y=\"24\">").append(escape(title)).append("</text>\n");
        out.append("<text id=\"subtitle\" x=\"").append(WIDTH / 2).append("\" y=\"44\">").append(escape(subtitle)).append("</text>\n");
        out.append("<text id=\"reset\" class=\"button hidden\" x=\"").append(PAD).append("\" y=\"24\">Reset Zoom</text>\n");
        out.append("<text id=\"search\" class=\"button\" x=\"").append(WIDTH - PAD)
                .append("\" y=\"24\" text-anchor=\"end\">Search</text>\n");
        out.append("<text id=\"details\" x=\"").append(PAD).append("\" y=\"").append(height - 14).append("\">")
                .append(profile.total() == 0 ? "No samples" : " ").append("</text>\n");
        out.append("<text id=\"matched\" x=\"").append(WIDTH - PAD).append("\" y=\"").append(height - 14)
                .append("\" text-anchor=\"end\"> </text>\n");
    }

    /** Writes a frame and, left to right, its children; {@code start} is its offset in samples. */
    private void frame(CallTree node, long start, int depth) {
        double x = PAD + start * scale, w = node.value() * scale;
        if (w < MIN_WIDTH) return;
        double y = height - BOTTOM - (depth + 1) * FRAME_HEIGHT;
        String name = node.frame().name();
        out.append("<g class=\"frame\" data-s=\"").append(start).append("\" data-n=\"").append(node.value())
                .append("\" data-d=\"").append(depth).append("\"><title>").append(escape(tooltip(name, node.value())))
                .append("</title><rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(FRAME_HEIGHT - 1).append("\" rx=\"2\" ry=\"2\" fill=\"")
                .append(FramePalette.color(node.frame())).append("\"/><text x=\"").append(num(x + 3)).append("\" y=\"")
                .append(num(y + 11.5)).append("\">").append(escape(fit(name, w))).append("</text></g>\n");
        long childStart = start;
        for (CallTree child : node.children()) {
            frame(child, childStart, depth + 1);
            childStart += child.value();
        }
    }

    private String tooltip(String name, long value) {
        return name + " (" + value + " samples, " + String.format(Locale.ROOT, "%.2f", 100.0 * value / profile.total()) + "%)";
    }

    /** The label that fits a box {@code width} pixels wide; flamegraph.js does the same after a zoom. */
    static String fit(String name, double width) {
        int max = (int) Math.floor((width - 6) / FONT_WIDTH);
        if (max < 3) return "";
        return name.length() <= max ? name : name.substring(0, max - 2) + "..";
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }

    /** Escapes XML's special characters and drops characters XML 1.0 cannot carry at all. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' || c == 0xfffe || c == 0xffff) b.append('?');
                    else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) b.append('?');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String script() {
        try (InputStream in = FlameGraphSvg.class.getResourceAsStream("flamegraph.js")) {
            if (in == null) throw new IllegalStateException("flamegraph.js is missing from the jbpftrace core jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
