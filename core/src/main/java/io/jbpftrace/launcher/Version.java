package io.jbpftrace.launcher;

import io.jbpftrace.registry.Manifests;

/** The version of the core jar, from the Bundle-Version bnd writes into its manifest. */
final class Version {
    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : Manifests.bundleVersion(Version.class);
    }
}
