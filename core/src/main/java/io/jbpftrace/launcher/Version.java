package io.jbpftrace.launcher;

/** The version stamped into core's manifest by the build. */
final class Version {
    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v == null) v = Version.class.getPackage().getSpecificationVersion();
        return v == null ? "0.1.0" : v;
    }
}
