package io.jbpftrace.it.support;

import java.util.concurrent.TimeUnit;

/** Ends a test's child process and whatever it started, politely first. */
final class Processes {
    private Processes() {}

    static void kill(Process process) {
        if (!process.isAlive()) return;
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
