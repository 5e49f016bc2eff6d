package io.jbpftrace.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one lab run: a guest script prints each as {@code === name}, its output, then
 * {@code === name rc=N}. Lookups fail the test with the whole run when a check is missing or failed.
 */
final class LabSections {
    private static final Pattern SECTION = Pattern.compile("(?ms)^=== (\\w+)\\n(.*?)^=== \\1 rc=(\\d+)$");
    /** A hist/lhist bucket line: {@code [256, 512)   12 |@@@@   |}. */
    private static final Pattern BUCKET = Pattern.compile("(?m)^\\[([^,\\]]+)[^\\n]*?[)\\]]\\s+(\\d+) \\|");

    record Section(String output, int rc) {}

    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final LabResult result;

    LabSections(LabResult result) {
        this.result = result;
        Matcher m = SECTION.matcher(result.stdout());
        while (m.find()) sections.put(m.group(1), new Section(m.group(2), Integer.parseInt(m.group(3))));
    }

    Map<String, Section> all() { return sections; }

    Section section(String name) {
        Section s = sections.get(name);
        if (s == null) fail("no section " + name + " in the lab output\n" + result.describe());
        return s;
    }

    Section succeeded(String name) {
        Section s = section(name);
        assertEquals(0, s.rc(), () -> name + " failed\n" + s.output());
        return s;
    }

    static long bucketTotal(String output) {
        long total = 0;
        for (Matcher m = BUCKET.matcher(output); m.find(); ) total += Long.parseLong(m.group(2));
        return total;
    }

    /** The integer the regex's first group captures in {@code text}; fails when there is none. */
    static int count(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) fail("no " + regex + " in\n" + text);
        return Integer.parseInt(m.group(1));
    }
}
