/** OSGi glue for provider bundles; exported, semantic versioning applies. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.jbpftrace.spi.osgi;
