package io.jbpftrace.bpf;

/** A jump target inside one {@link Asm}; bound once, referenced any number of times. */
public final class Label {
    private final String name;
    int position = -1;

    Label(String name) { this.name = name; }

    public boolean bound() { return position >= 0; }

    @Override public String toString() { return name; }
}
