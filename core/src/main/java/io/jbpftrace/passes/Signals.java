package io.jbpftrace.passes;

import java.util.List;

/** Signal names for signal("SIGKILL") / signal("KILL"), numbered as on Linux x86-64 and arm64. */
public final class Signals {
    private Signals() {}

    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    /** The signal's number, or -1 for an unknown name. */
    public static int number(String name) {
        String n = name.startsWith("SIG") ? name.substring(3) : name;
        return n.isEmpty() ? -1 : NAMES.indexOf(n);
    }
}
