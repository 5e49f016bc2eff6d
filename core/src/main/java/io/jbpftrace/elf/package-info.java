/** ELF symbol tables and shared-library lookup for user-space probes; exported to provider bundles. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.jbpftrace.elf;
