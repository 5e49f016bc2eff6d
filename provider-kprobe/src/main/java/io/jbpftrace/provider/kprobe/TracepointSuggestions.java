package io.jbpftrace.provider.kprobe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Tracepoints that see the same event as a kernel function, for a kernel where that function
 * cannot be probed. A table shipped in the bundle (tracepoint-suggestions.properties) names the
 * well-known ones; a syscall's entry points ({@code __x64_sys_read}, {@code ksys_read} ...) map to
 * its syscall tracepoint. Only tracepoints this kernel has are suggested.
 */
final class TracepointSuggestions {
    private static final String TABLE = "tracepoint-suggestions.properties";
    /** Prefixes of the functions that implement a syscall, longest first. */
    private static final List<String> SYSCALL_PREFIXES =
            List.of("__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__se_sys_", "__do_sys_", "ksys_", "sys_");

    private final Properties table;

    TracepointSuggestions(Properties table) { this.table = table; }

    static TracepointSuggestions shipped() {
        Properties table = new Properties();
        try (InputStream in = TracepointSuggestions.class.getResourceAsStream(TABLE)) {
            if (in == null) throw new IllegalStateException(TABLE + " is missing from the kprobe bundle");
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TracepointSuggestions(table);
    }

    /**
     * Full probe names ({@code tracepoint:syscalls:sys_enter_read}) for {@code function} that exist under
     * {@code tracefs}; a return probe gets a syscall's exit tracepoint.
     */
    List<String> forFunction(String function, boolean retprobe, Path tracefs) {
        List<String> out = new ArrayList<>();
        for (String event : candidates(function)) {
            String e = retprobe ? event.replace(":sys_enter_", ":sys_exit_") : event;
            int colon = e.indexOf(':');
            if (colon < 0) continue;
            if (Files.isDirectory(tracefs.resolve("events").resolve(e.substring(0, colon)).resolve(e.substring(colon + 1)))) {
                out.add("tracepoint:" + e);
            }
        }
        return out;
    }

    private List<String> candidates(String function) {
        String listed = table.getProperty(function);
        if (listed != null) return List.of(listed.split("\\s*,\\s*"));
        for (String prefix : SYSCALL_PREFIXES) {
            if (function.startsWith(prefix) && function.length() > prefix.length()) {
                return List.of("syscalls:sys_enter_" + function.substring(prefix.length()));
            }
        }
        return List.of();
    }
}
