package io.jbpftrace.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FlameGraphSvgTest {
    private static final double FULL = FlameGraphSvg.WIDTH - 2 * FlameGraphSvg.PAD;

    /** One drawn frame as the parsed SVG shows it. */
    record Box(String name, String tooltip, double x, double y, double width, String fill, String label, int depth) {}

    private static StackProfile sample() {
        return new StackProfile()
                .add(List.of(Frame.user("main"), Frame.user("b_work"), Frame.kernel("sys_read")), 30)
                .add(List.of(Frame.user("main"), Frame.user("a_work")), 60)
                .add(List.of(Frame.user("main"), Frame.user("b_work")), 10);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Box> boxes(String svg) throws Exception {
        NodeList groups = parse(svg).getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        Map<String, Box> out = new LinkedHashMap<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!g.getAttribute("class").equals("frame")) continue;
            Element rect = (Element) g.getElementsByTagNameNS("*", "rect").item(0);
            String tooltip = g.getElementsByTagNameNS("*", "title").item(0).getTextContent();
            String name = tooltip.substring(0, tooltip.lastIndexOf(" ("));
            out.put(name, new Box(name, tooltip, Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                    Double.parseDouble(rect.getAttribute("width")), rect.getAttribute("fill"),
                    g.getElementsByTagNameNS("*", "text").item(0).getTextContent(), Integer.parseInt(g.getAttribute("data-d"))));
        }
        return out;
    }

    @Test
    void isWellFormedAndSelfContained() throws Exception {
        String svg = FlameGraphSvg.render(sample(), "Flame Graph", "@: count 100");
        Element root = parse(svg).getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("100", root.getAttribute("data-total"));
        assertTrue(svg.contains("<script type=\"text/ecmascript\"><![CDATA["));
        assertTrue(svg.contains("function zoom("));
        assertFalse(svg.contains("href"), "no external resources");
        assertFalse(svg.replace("http://www.w3.org/2000/svg", "").contains("http"), "no links but the SVG namespace");
    }

    @Test
    void tooltipsGiveSamplesAndPercent() throws Exception {
        Map<String, Box> b = boxes(FlameGraphSvg.render(sample(), "t", "s"));
        assertEquals(List.of("all", "main", "a_work", "b_work", "sys_read"), new ArrayList<>(b.keySet()));
        assertEquals("all (100 samples, 100.00%)", b.get("all").tooltip());
        assertEquals("b_work (40 samples, 40.00%)", b.get("b_work").tooltip());
        assertEquals("sys_read (30 samples, 30.00%)", b.get("sys_read").tooltip());
    }

    @Test
    void widthsAreProportionalToSamplesAndSiblingsSortedByName() throws Exception {
        Map<String, Box> b = boxes(FlameGraphSvg.render(sample(), "t", "s"));
        assertEquals(FULL, b.get("all").width(), 0.01);
        assertEquals(FULL, b.get("main").width(), 0.01);
        assertEquals(FULL * 0.6, b.get("a_work").width(), 0.01);
        assertEquals(FULL * 0.4, b.get("b_work").width(), 0.01);
        assertEquals(FULL * 0.3, b.get("sys_read").width(), 0.01);
        assertEquals(FlameGraphSvg.PAD, b.get("a_work").x(), 0.01);
        assertEquals(FlameGraphSvg.PAD + FULL * 0.6, b.get("b_work").x(), 0.01, "b_work right of a_work");
        assertEquals(b.get("b_work").x(), b.get("sys_read").x(), 0.01, "a callee starts where its caller starts");
    }

    @Test
    void calleesSitAboveTheirCallers() throws Exception {
        Map<String, Box> b = boxes(FlameGraphSvg.render(sample(), "t", "s"));
        assertEquals(FlameGraphSvg.FRAME_HEIGHT, b.get("all").y() - b.get("main").y(), 0.01);
        assertEquals(FlameGraphSvg.FRAME_HEIGHT, b.get("b_work").y() - b.get("sys_read").y(), 0.01);
        assertEquals(3, b.get("sys_read").depth());
    }

    @Test
    void escapesMarkupInSymbolNames() throws Exception {
        String name = "std::vector<int, A&>::push_back \"x\"";
        StackProfile p = new StackProfile().add(List.of(Frame.user(name), Frame.user("bad\u0001char")), 1);
        String svg = FlameGraphSvg.render(p, "<title & more>", "a<b");
        assertTrue(svg.contains("std::vector&lt;int, A&amp;&gt;::push_back &quot;x&quot;"));
        Map<String, Box> b = boxes(svg);
        assertTrue(b.containsKey(name), b.keySet()::toString);
        assertTrue(b.containsKey("bad?char"));
        assertEquals("<title & more>", titleText(svg));
    }

    private static String titleText(String svg) throws Exception {
        NodeList texts = parse(svg).getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("id").equals("title")) return t.getTextContent();
        }
        return null;
    }

    @Test
    void labelsAreTruncatedToTheirBox() throws Exception {
        String longName = "a_function_with_a_rather_long_name_that_cannot_fit";
        StackProfile p = new StackProfile().add(List.of(Frame.user(longName)), 1).add(List.of(Frame.user("other")), 99);
        Map<String, Box> b = boxes(FlameGraphSvg.render(p, "t", "s"));
        String label = b.get(longName).label();
        assertTrue(label.isEmpty() || label.endsWith("..") && label.length() < longName.length(), label);
        assertEquals("other", b.get("other").label());
        assertEquals("a_fun..", FlameGraphSvg.fit(longName, 6 + 7 * FlameGraphSvg.FONT_WIDTH));
        assertEquals("", FlameGraphSvg.fit(longName, 10));
    }

    @Test
    void framesTooNarrowToSeeAreLeftOut() throws Exception {
        StackProfile p = new StackProfile().add(List.of(Frame.user("big")), 10_000_000).add(List.of(Frame.user("tiny")), 1);
        Map<String, Box> b = boxes(FlameGraphSvg.render(p, "t", "s"));
        assertTrue(b.containsKey("big"));
        assertFalse(b.containsKey("tiny"));
    }

    @Test
    void coloursAreDeterministicAndKernelDiffersFromUser() throws Exception {
        StackProfile p = new StackProfile()
                .add(List.of(Frame.user("main"), Frame.kernel("do_syscall_64")), 1)
                .add(List.of(Frame.user("main"), Frame.user("do_syscall_64x")), 1);
        String first = FlameGraphSvg.render(p, "t", "s");
        assertEquals(first, FlameGraphSvg.render(p, "t", "s"));
        assertEquals(FramePalette.color(Frame.user("main")), FramePalette.color(Frame.user("main")));
        assertNotEquals(FramePalette.color(Frame.user("x")), FramePalette.color(Frame.kernel("x")));
        for (String n : List.of("a", "main", "schedule", "zz_top")) {
            int[] u = rgb(FramePalette.color(Frame.user(n))), k = rgb(FramePalette.color(Frame.kernel(n)));
            assertTrue(u[0] > u[2], "user frames are warm: " + n);
            assertTrue(k[2] > k[0], "kernel frames are cool: " + n);
        }
    }

    private static int[] rgb(String css) {
        String[] parts = css.substring(4, css.length() - 1).split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    @Test
    void anEmptyProfileStillRenders() throws Exception {
        String svg = FlameGraphSvg.render(new StackProfile(), "t", "s");
        assertTrue(boxes(svg).isEmpty());
        assertTrue(svg.contains("No samples"));
    }
}
