package dev.jfio.posix;

/**
 * Binds the native calls in the background at start-up. jnr-ffi generates a class per bound
 * interface on first use, about 150 ms of one core here; started first thing, that work overlaps
 * the parsing of the command line and the job files on the other core instead of delaying the
 * first I/O.
 *
 * <p>Thread contract: {@link #start} may be called from any thread, once; a caller that needs a
 * binding before the background thread is done simply waits on the class's initialisation, as the
 * JVM serialises it.
 */
public final class NativePreload {
    private NativePreload() {}

    /** Starts a daemon thread that binds libc's calls and the file calls, and returns at once. */
    public static void start() {
        Thread t = new Thread(NativePreload::bind, "jfio-native-preload");
        t.setDaemon(true);
        t.start();
    }

    private static void bind() {
        Syscalls.available();
        FileCalls.available();
    }
}
