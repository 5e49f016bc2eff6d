package io.jbpftrace.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** User names for the username builtin, from /etc/passwd (the uid itself when unknown). */
final class Users {
    private Users() {}

    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

    static String name(int uid) {
        return NAMES.computeIfAbsent(uid, Users::lookup);
    }

    private static String lookup(int uid) {
        try (var lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(l -> l.split(":")).filter(f -> f.length > 2 && f[2].equals(String.valueOf(uid)))
                    .map(f -> f[0]).findFirst().orElse(String.valueOf(uid));
        } catch (IOException e) {
            return String.valueOf(uid);
        }
    }
}
