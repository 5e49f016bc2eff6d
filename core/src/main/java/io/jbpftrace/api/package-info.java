/**
 * Embedding jbpftrace in a Java application: compile a script, attach it, receive printf output as
 * callbacks, read maps as Java objects, close. Same compiler and runtime as the CLI. Start with
 * {@link io.jbpftrace.api.JBpftrace#builder()}. Semantic versioning applies.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.jbpftrace.api;
