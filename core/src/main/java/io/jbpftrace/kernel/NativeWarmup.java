package io.jbpftrace.kernel;

/**
 * Binds libbpf and libc (JNA loads its stub and both libraries and resolves every native method) on
 * a background thread, so that work overlaps parsing instead of delaying the first map. Class
 * initialisation is thread-safe: a caller that gets there first simply waits for it.
 */
public final class NativeWarmup {
    private NativeWarmup() {}

    public static void startInBackground() {
        Thread t = new Thread(NativeWarmup::bind, "jbpftrace-native");
        t.setDaemon(true);
        t.start();
    }

    private static void bind() {
        try {
            Class.forName(LibBpf.class.getName(), true, NativeWarmup.class.getClassLoader());
            Class.forName(LibC.class.getName(), true, NativeWarmup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // the caller that needs them meets the same failure and reports it
        }
    }
}
