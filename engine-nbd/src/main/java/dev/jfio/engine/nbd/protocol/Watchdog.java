package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces time limits on blocking socket calls without a thread per connection: one daemon
 * thread for the whole process closes the channel of any armed {@link Guard} whose deadline has
 * passed, which makes the blocked call fail at once.
 *
 * <p>Thread contract: a guard is armed and disarmed by its owner thread; the watchdog thread only
 * reads its volatile deadline and closes its channel.
 */
final class Watchdog {
    private static final Set<Guard> GUARDS = ConcurrentHashMap.newKeySet();
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static Thread thread;

    private Watchdog() {
    }

    /** A deadline for blocking calls on one channel. */
    static final class Guard {
        private final Channel channel;
        private volatile long deadline;
        private volatile boolean fired;
        private boolean registered;

        Guard(Channel channel) {
            this.channel = channel;
        }

        /** Starts a time limit of {@code nanos} from now; 0 or less arms nothing. */
        void arm(long nanos) {
            if (nanos > 0) {
                deadline = System.nanoTime() + nanos;
                if (!registered) {
                    registered = true;
                    ensureRunning(this);
                }
            }
        }

        /** Ends the time limit. */
        void disarm() {
            deadline = 0;
        }

        /** Whether the watchdog closed the channel because the deadline passed. */
        boolean fired() {
            return fired;
        }

        /** Records that the deadline passed (the owner found out before the watchdog did). */
        void expire() {
            fired = true;
        }

        /** Stops watching this guard (the channel is being closed). */
        void release() {
            deadline = 0;
            registered = false;
            GUARDS.remove(this);
        }

        private void check(long now) {
            long d = deadline;
            if (d != 0 && now - d > 0) {
                fired = true;
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing is best effort; the blocked call fails either way
                }
            }
        }
    }

    private static void ensureRunning(Guard guard) {
        GUARDS.add(guard);
        synchronized (Watchdog.class) {
            if (thread == null) {
                thread = new Thread(Watchdog::run, "jfio-nbd-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private static void run() {
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Guard g : GUARDS) {
                g.check(now);
            }
        }
    }
}
