package io.jbpftrace.output;

/** A 64-bit map key element printed as unsigned (e.g. a u64 >= 2^63); plain Long keys print signed. */
public record UnsignedKey(long value) {
    @Override
    public String toString() { return Long.toUnsignedString(value); }
}
