package io.jbpftrace.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** CapEff masks as /proc/self/status shows them. */
class PrivilegesTest {
    @Test void rootsFullSetIsEnough() { assertNull(Privileges.missing("000001ffffffffff")); }

    @Test void bpfAndPerfmonAloneAreEnough() { assertNull(Privileges.missing(Long.toHexString(1L << 39 | 1L << 38))); }

    @Test void sysAdminStandsForBoth() { assertNull(Privileges.missing(Long.toHexString(1L << 21))); }

    @Test void noneNamesBoth() { assertEquals("CAP_BPF, CAP_PERFMON", Privileges.missing("0000000000000000")); }

    @Test void bpfWithoutPerfmonNamesPerfmon() { assertEquals("CAP_PERFMON", Privileges.missing(Long.toHexString(1L << 39))); }
}
