/** Exported to provider bundles; semantic versioning applies. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.6.0")
package io.jbpftrace.spi;
