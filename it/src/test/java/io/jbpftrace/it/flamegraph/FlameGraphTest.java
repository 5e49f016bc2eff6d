package io.jbpftrace.it.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import io.jbpftrace.it.support.Workload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * --flamegraph and --folded on a real profile: a C program busy in burn_left (a third of its time)
 * and burn_right (two thirds), both called from burn_outer, sampled at 99 Hz for 3 seconds. When
 * Debian's chromium is installed (.ci/setup installs it), the SVG is also rendered headless.
 */
@ExtendWith(RequiresRoot.class)
class FlameGraphTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern LEFT = Pattern.compile("(?m)^(?:[^;\\n]*;)*main;burn_outer;burn_left (\\d+)$");
    private static final Pattern RIGHT = Pattern.compile("(?m)^(?:[^;\\n]*;)*main;burn_outer;burn_right (\\d+)$");

    @TempDir static Path dir;
    private static Path svg, folded;
    private static Jbpftrace.Result run;

    @BeforeAll
    static void profileTheWorkload() throws Exception {
        Path binary = compileWorkload();
        svg = dir.resolve("flame.svg");
        folded = dir.resolve("flame.folded");
        // runs longer than the trace, so its maps are still there when the stacks are symbolized
        try (Workload w = Workload.shell("exec " + binary + " 60")) {
            run = Jbpftrace.run(Duration.ofSeconds(60), "--flamegraph", svg.toString(), "--folded", folded.toString(), "-e",
                    "profile:hz:99 /pid == " + w.pid() + "/ { @[ustack] = count(); } interval:s:3 { exit(); }");
        }
        assertEquals(0, run.exitCode(), run::toString);
    }

    private static Path compileWorkload() throws Exception {
        Path binary = dir.resolve("flame_workload");
        // -O0 and frame pointers: every function keeps its frame, so user stacks walk through burn_outer
        Process gcc = new ProcessBuilder("gcc", "-O0", "-fno-omit-frame-pointer", "-Wall", "-o", binary.toString(),
                Path.of("src/test/c/flame_workload.c").toAbsolutePath().toString()).redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) fail("gcc failed: " + out);
        return binary;
    }

    @Test
    void stdoutIsTheUsualMapPrintout() {
        String out = run.stdout();
        assertTrue(out.startsWith("Attaching 2 probes...\n"), run::toString);
        assertTrue(Pattern.compile("@\\[\n    burn_(left|right)\\+\\d+\n    burn_outer\\+\\d+\n    main\\+\\d+\n").matcher(out).find(), run::toString);
        assertFalse(out.contains("<svg") || out.contains("burn_outer;"), run::toString);
        assertFalse(run.stderr().contains("WARNING") || run.stderr().contains("ERROR"), run::toString);
    }

    @Test
    void foldedStacksAreRootFirstWithCounts() throws IOException {
        String text = Files.readString(folded);
        Matcher left = LEFT.matcher(text), right = RIGHT.matcher(text);
        assertTrue(left.find() && right.find(), text);
        long l = Long.parseLong(left.group(1)), r = Long.parseLong(right.group(1));
        // 3 s at 99 Hz is about 297 samples when the workload has a CPU to itself
        assertTrue(l + r >= 30, "samples: " + (l + r) + "\n" + text);
        assertTrue(r > l, "burn_right does twice the work of burn_left\n" + text);
        List<String> lines = text.lines().toList();
        assertEquals(lines.stream().sorted().toList(), lines, "sorted");
        for (String line : lines) assertTrue(line.matches("\\S.* \\d+"), line);
    }

    @Test
    void svgHasAFrameWithTooltipForEachFunction() throws Exception {
        List<String> tooltips = tooltips(parse(Files.readString(svg)));
        for (String f : List.of("all", "main", "burn_outer", "burn_left", "burn_right")) {
            assertTrue(tooltips.stream().anyMatch(t -> t.matches(Pattern.quote(f) + " \\(\\d+ samples, \\d+\\.\\d\\d%\\)")), f + " in " + tooltips);
        }
    }

    @Test
    void chromiumRendersItAndClickZooms() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/setup installs it)");
        String text = Files.readString(svg);
        Path png = screenshot(svg, "plain.png");
        assertTrue(Files.size(png) > 5_000, "a flame graph is more than an empty page: " + Files.size(png) + " bytes");
        BufferedImage plain = image(png);

        // burn_right fills most of its row; after a click on burn_left, burn_left fills all of it
        Element left = frame(parse(text), "burn_left"), right = frame(parse(text), "burn_right");
        int y = (int) Double.parseDouble(rect(left).getAttribute("y")) + 7;
        // the middle of burn_right as drawn: its place depends on how the samples fell, so read it
        int x = (int) (Double.parseDouble(rect(right).getAttribute("x")) + Double.parseDouble(rect(right).getAttribute("width")) / 2);
        assertColor(rect(right).getAttribute("fill"), plain.getRGB(x, y), "burn_right before zooming");
        Path zoomed = dir.resolve("zoomed.svg");
        Files.writeString(zoomed, text.replace("</svg>", """
                <script type="text/ecmascript"><![CDATA[
                Array.prototype.forEach.call(document.querySelectorAll('g.frame'), function (g) {
                  if (g.querySelector('title').textContent.indexOf('burn_left (') === 0)
                    g.querySelector('rect').dispatchEvent(new MouseEvent('click', {bubbles: true}));
                });
                ]]></script>
                </svg>"""));
        assertColor(rect(left).getAttribute("fill"), image(screenshot(zoomed, "zoomed.png")).getRGB(x, y), "burn_left after zooming into it");
    }

    private static Path screenshot(Path file, String name) throws Exception {
        Path png = dir.resolve(name), profile = Files.createTempDirectory(dir, "chromium-");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200,800", file.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within 60 s");
        }
        assertTrue(Files.isRegularFile(png), () -> "no screenshot; chromium said: " + log(name));
        return png;
    }

    private static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static BufferedImage image(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() >= 1200, "a 1200 px wide PNG");
        return img;
    }

    /** The pixel has the frame's fill colour (within rounding of the renderer). */
    private static void assertColor(String fill, int argb, String what) {
        Matcher m = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)").matcher(fill);
        assertTrue(m.matches(), fill);
        int[] want = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        int[] got = {(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff};
        for (int i = 0; i < 3; i++) {
            if (Math.abs(want[i] - got[i]) > 6) fail(what + ": expected " + fill + ", screenshot has rgb(" + got[0] + "," + got[1] + "," + got[2] + ")");
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> tooltips(Document doc) {
        NodeList titles = doc.getElementsByTagNameNS("*", "title");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) out.add(titles.item(i).getTextContent());
        return out;
    }

    private static Element frame(Document doc, String function) {
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("frame")
                    && g.getElementsByTagNameNS("*", "title").item(0).getTextContent().startsWith(function + " (")) return g;
        }
        throw new AssertionError("no frame " + function);
    }

    private static Element rect(Element frame) { return (Element) frame.getElementsByTagNameNS("*", "rect").item(0); }
}
