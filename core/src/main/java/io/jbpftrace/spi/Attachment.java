package io.jbpftrace.spi;

/** A live attachment (perf event fd, link); closing it detaches. Never throws. */
@FunctionalInterface
public interface Attachment extends AutoCloseable {
    @Override
    void close();
}
