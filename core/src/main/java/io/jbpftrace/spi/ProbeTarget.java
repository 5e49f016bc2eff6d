package io.jbpftrace.spi;

/**
 * One concrete place to attach, produced by a provider's expansion of a wildcard probe.
 *
 * @param name canonical full probe name, the value of the {@code probe} builtin
 * @param data provider-private details (ids, paths, offsets) used when generating code and attaching
 */
public record ProbeTarget(String name, Object data) {
    public <T> T data(Class<T> type) { return type.cast(data); }
}
