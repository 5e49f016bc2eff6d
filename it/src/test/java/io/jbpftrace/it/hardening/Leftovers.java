package io.jbpftrace.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jbpftrace.it.support.KernelObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a run could leave in the kernel: BPF programs and maps (KernelObjects), BPF links, and
 * dynamic probe entries in tracefs. Snapshot before, assert after; ids are compared, so objects of
 * other processes alive across both snapshots do not count.
 */
final class Leftovers {
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    record Snapshot(KernelObjects.Snapshot objects, Set<Integer> links, List<String> uprobeEvents, List<String> kprobeEvents) {}

    private Leftovers() {}

    static Snapshot snapshot() {
        return new Snapshot(KernelObjects.snapshot(), links(), tracefs("uprobe_events"), tracefs("kprobe_events"));
    }

    /** No program, map or link added since {@code before}, and tracefs' probe lists unchanged. */
    static void assertNoneAddedSince(Snapshot before) {
        KernelObjects.assertNoneAddedSince(before.objects(), Duration.ofSeconds(5));
        Set<Integer> added = new TreeSet<>(links());
        added.removeAll(before.links());
        assertEquals(Set.of(), added, "BPF links left behind");
        assertEquals(before.uprobeEvents(), tracefs("uprobe_events"), "uprobe_events changed");
        assertEquals(before.kprobeEvents(), tracefs("kprobe_events"), "kprobe_events changed");
    }

    static Set<Integer> links() {
        try {
            Process p = new ProcessBuilder("bpftool", "-j", "link", "show").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Set<Integer> ids = new TreeSet<>();
            for (Matcher m = ID.matcher(json.replace(" ", "")); m.find(); ) ids.add(Integer.parseInt(m.group(1)));
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bpftool (installed by .ci/setup)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The file's lines; a kernel without the file (no kprobes here) has none. */
    private static List<String> tracefs(String file) {
        Path p = TRACEFS.resolve(file);
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
