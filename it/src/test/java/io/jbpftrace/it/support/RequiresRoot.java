package io.jbpftrace.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(RequiresRoot.class)}: the class fails, loudly and at once, when not run as
 * root. A silent skip would let a CI run without privileges look green.
 */
public final class RequiresRoot implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isRoot()) {
            throw new AssertionError("integration tests load BPF programs and must run as root (uid 0); this is uid " + uid());
        }
    }

    public static boolean isRoot() { return "0".equals(uid()); }

    /** Effective uid, from /proc/self/status ("Uid: real effective saved fs"). */
    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return line.split("\\s+")[2];
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }
}
