package io.jbpftrace.it.lab;

import java.time.Duration;

/**
 * What one lab run gave back.
 *
 * @param stdout   the guest command's standard output
 * @param stderr   its standard error
 * @param exitCode its exit code; 124 when the timeout hit, 125 when the lab failed before it ran
 * @param console  the whole serial console, for failure messages
 * @param bootTime from starting qemu until the command started in the guest
 * @param elapsed  from starting qemu until it ended
 */
public record LabResult(String stdout, String stderr, int exitCode, String console, Duration bootTime, Duration elapsed) {

    /** Stdout, stderr and console together: what an assertion message needs. */
    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr + "--- console\n" + console;
    }
}
