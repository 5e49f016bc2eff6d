package io.jbpftrace.kernel;

import com.sun.jna.Pointer;

/**
 * A shell starts background jobs of a script with SIGINT ignored, and the JVM then refuses to
 * handle it; bpftrace still stops on it, so the launcher takes such a signal back first.
 */
public final class SignalDispositions {
    private static final Pointer SIG_DFL = Pointer.createConstant(0), SIG_IGN = Pointer.createConstant(1);

    private SignalDispositions() {}

    /** Sets {@code signo} back to its default action if it is ignored; leaves any handler alone. */
    public static void unignore(int signo) {
        Pointer previous = LibC.signal(signo, SIG_DFL);
        if (!SIG_IGN.equals(previous)) LibC.signal(signo, previous);
    }
}
