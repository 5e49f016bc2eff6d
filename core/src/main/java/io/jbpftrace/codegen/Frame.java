package io.jbpftrace.codegen;

/**
 * The BPF stack of one program (512 bytes below R10), handed out in 8-byte aligned slots after the
 * builtin scratch word.
 * Temporaries are released in LIFO order with {@link #mark()} / {@link #release(int)}.
 */
final class Frame {
    static final int LIMIT = 512;
    /** R10-8 .. R10-1 is scratch for a provider builtin's code (e.g. a USDT memory argument). */
    static final int BUILTIN_SCRATCH = 8;
    private int used = BUILTIN_SCRATCH;
    private int peak;

    /** Returns the (negative) R10-relative offset of a fresh slot of at least {@code size} bytes. */
    int alloc(int size) {
        used += (Math.max(size, 1) + 7) & ~7;
        if (used > LIMIT) throw new StackOverflow(used);
        peak = Math.max(peak, used);
        return -used;
    }

    int mark() { return used; }

    void release(int mark) { used = mark; }

    int peak() { return peak; }

    /** The program needs more stack than the kernel allows. */
    static final class StackOverflow extends RuntimeException {
        /** The statement being generated when the limit was passed, set on the way out. */
        transient io.jbpftrace.lang.ast.Node statement;

        StackOverflow(int bytes) { super("the probe needs " + bytes + " bytes of BPF stack, more than the kernel's limit of " + LIMIT); }
    }
}
