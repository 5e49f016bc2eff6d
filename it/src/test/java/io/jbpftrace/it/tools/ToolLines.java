package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jbpftrace.it.support.Jbpftrace;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on what a tool printed: lines matching a pattern, numbers taken out of them. */
final class ToolLines {
    private ToolLines() {}

    /** The first match of {@code regex} (multi-line mode) in the tool's stdout; fails with the output otherwise. */
    static Matcher find(String regex, Jbpftrace.Result r) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.stdout());
        if (!m.find()) fail("no match for " + regex + "\n" + r);
        return m;
    }

    static void assertHeader(String header, Jbpftrace.Result r) {
        assertTrue(r.stdout().contains(header + "\n"), () -> "no header line \"" + header + "\"\n" + r);
    }

    /** Waits (≤ {@link ToolRun#STOP}) until a line matching {@code regex} was printed. */
    static void awaitLine(ToolRun t, String regex) {
        Pattern line = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + ToolRun.STOP.toNanos();
        while (!line.matcher(t.stdoutSoFar()).find()) {
            if (System.nanoTime() > deadline) fail("no line matching " + regex + " within " + ToolRun.STOP + ":\n" + t.stdoutSoFar());
            ToolRun.sleep(50);
        }
    }

    /** The sum of a histogram's counts ("[lo, hi)   count |@@@|" lines) in {@code text}. */
    static long histogramTotal(String text) {
        return Pattern.compile("(?m)^\\[.*\\) +(\\d+) \\|").matcher(text).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }
}
