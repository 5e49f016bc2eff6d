package io.jbpftrace.btf;

import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Where the kernel's task_struct keeps the 16-byte comm, looked up once per process in the
 * kernel's BTF (empty without BTF). The launcher starts the look-up while the script compiles.
 */
public final class TaskComm {
    public static final int BYTES = 16;
    private static FutureTask<OptionalInt> lookUp;

    private TaskComm() {}

    /** Starts the look-up on a daemon thread (a task that ran or runs already makes it a no-op). */
    public static void findInBackground() {
        Thread t = new Thread(task(), "jbpftrace-comm-offset");
        t.setDaemon(true);
        t.start();
    }

    /** The byte offset of comm in task_struct, waiting for a look-up under way or doing it here. */
    public static OptionalInt offset() {
        FutureTask<OptionalInt> task = task();
        task.run(); // no-op when it already ran or is running elsewhere
        try {
            return task.get();
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static synchronized FutureTask<OptionalInt> task() {
        if (lookUp == null) lookUp = new FutureTask<>(() -> MemberScan.arrayMemberOffset(Btf.VMLINUX, "task_struct", "comm", BYTES));
        return lookUp;
    }
}
