package io.jbpftrace.it.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assertions on what a tool printed, shared by the tool run tests. */
final class ToolOutput {
    private ToolOutput() {}

    static void assertMatches(String regex, Jbpftrace.Result r) {
        assertTrue(Pattern.compile(regex).matcher(r.stdout()).find(), () -> "no match for " + regex + "\n" + r);
    }

    /** The number in the first group of the first match. */
    static long number(String regex, Jbpftrace.Result r) {
        Matcher m = Pattern.compile(regex).matcher(r.stdout());
        assertTrue(m.find(), () -> "no match for " + regex + "\n" + r);
        return Long.parseLong(m.group(1));
    }

    /** The sum of the numbers in the first group of every match. */
    static long sum(String regex, String text) {
        return Pattern.compile(regex).matcher(text).results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    /** A printed map from its name line up to the next blank line. */
    static String section(String map, Jbpftrace.Result r) {
        Matcher m = Pattern.compile("(?ms)^" + Pattern.quote(map) + ": *\\n(.*?)(?:\\n\\n|\\z)").matcher(r.stdout());
        assertTrue(m.find(), () -> "no map " + map + "\n" + r);
        return m.group(1);
    }
}
