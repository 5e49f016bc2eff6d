package io.jbpftrace.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The BPF programs and maps alive in the kernel, to prove a run left nothing behind: take a
 * snapshot before, run, then {@link #assertNoneAddedSince}. Uses bpftool, which sees objects kept
 * alive by any holder (fd, link, perf event), not only by open fds.
 */
public final class KernelObjects {
    // Top-level "id" only: other keys ending in id ("btf_id", "map_ids") never start with a quote before "id".
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private KernelObjects() {}

    public record Snapshot(Set<Integer> progIds, Set<Integer> mapIds) {}

    public static Snapshot snapshot() { return new Snapshot(progIds(), mapIds()); }

    public static Set<Integer> progIds() { return ids("prog"); }

    public static Set<Integer> mapIds() { return ids("map"); }

    /**
     * Fails unless every program and map created after {@code before} is gone. Waits a little: the
     * kernel frees programs and maps after an RCU grace period, not at the moment the fd closes.
     */
    public static void assertNoneAddedSince(Snapshot before, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<Integer> progs = added(before.progIds(), progIds());
            Set<Integer> maps = added(before.mapIds(), mapIds());
            if (progs.isEmpty() && maps.isEmpty()) return;
            if (System.nanoTime() > deadline) fail("leaked BPF objects: programs " + progs + ", maps " + maps);
            sleep(50);
        }
    }

    /** Open perf event fds of a process (each attached probe holds at least one while tracing). */
    public static int perfEventFds(long pid) { return countFds(pid, "anon_inode:[perf_event]"); }

    /** Open BPF fds (programs, maps, links) of a process. */
    public static int bpfFds(long pid) { return countFds(pid, "anon_inode:bpf"); }

    private static Set<Integer> added(Set<Integer> before, Set<Integer> now) {
        Set<Integer> added = new TreeSet<>(now);
        added.removeAll(before);
        return added;
    }

    private static Set<Integer> ids(String kind) {
        String json = bpftool(kind, "show");
        Set<Integer> ids = new HashSet<>();
        Matcher m = ID.matcher(json.replace(" ", ""));
        while (m.find()) ids.add(Integer.parseInt(m.group(1)));
        return ids;
    }

    private static String bpftool(String... args) {
        String[] command = Stream.concat(Stream.of("bpftool", "-j"), Stream.of(args)).toArray(String[]::new);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) fail(String.join(" ", command) + " failed (root? bpftool installed by .ci/setup?)");
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bpftool (installed by .ci/setup)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int countFds(long pid, String targetPrefix) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith(targetPrefix);
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list fds of " + pid, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
