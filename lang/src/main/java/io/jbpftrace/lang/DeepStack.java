package io.jbpftrace.lang;

import java.util.function.Supplier;

/**
 * Runs the compiler's recursive passes (ANTLR's recursive-descent parser, the AST builder, the
 * semantic and code generation visitors) on a thread with a large stack, so a hostile script nested
 * thousands of levels deep ends in {@link NestingLimit}'s clear error instead of a
 * {@link StackOverflowError}. The stack is only reserved address space; pages are used as touched.
 */
public final class DeepStack {
    /** Enough for {@link NestingLimit}'s limits with a wide margin (measured: 10k nested ifs need ~40 MB). */
    static final long STACK_BYTES = 512L << 20;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private DeepStack() {}

    /**
     * Returns {@code work}'s result, computed on a deep-stack thread (or directly when already on
     * one). Its unchecked exceptions and errors are rethrown here as they are.
     */
    public static <T> T call(Supplier<T> work) {
        if (INSIDE.get()) return work.get();
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            INSIDE.set(true);
            try {
                result[0] = work.get();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "jbpftrace-compiler", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        @SuppressWarnings("unchecked") T t = (T) result[0];
        return t;
    }
}
