/**
 * Decoded map contents ({@link io.jbpftrace.output.MapEntry}, {@link io.jbpftrace.output.MapValue})
 * and their bpftrace-identical text/JSON rendering. Exported because the embedding API
 * ({@code io.jbpftrace.api}) hands map contents out as these types; semantic versioning applies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.jbpftrace.output;
