package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Enforces time limits on blocking socket calls without a thread per connection: one daemon
 * thread closes the channel of any armed {@link Guard} whose deadline has passed, which makes the
 * blocked call fail at once. The thread runs only while some guard is registered (a channel that
 * has armed a limit and is not closed yet), so a watchdog per run costs nothing once its
 * connections are closed.
 *
 * <p>Thread contract: a guard is armed and disarmed by its owner thread; the watchdog thread only
 * reads its volatile deadline and closes its channel. {@link #guard} may be called from any thread.
 */
final class Watchdog {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    /** The running thread, or null; guarded by {@code this}. */
    private Thread thread;

    /** A new guard for {@code channel}, watched from its first {@link Guard#arm}. */
    Guard guard(Channel channel) {
        return new Guard(this, channel);
    }

    /** A deadline for blocking calls on one channel. */
    static final class Guard {
        private final Watchdog watchdog;
        private final Channel channel;
        private volatile long deadline;
        private volatile boolean fired;
        private boolean registered;

        private Guard(Watchdog watchdog, Channel channel) {
            this.watchdog = watchdog;
            this.channel = channel;
        }

        /** Starts a time limit of {@code nanos} from now; 0 or less arms nothing. */
        void arm(long nanos) {
            if (nanos > 0) {
                armUntil(System.nanoTime() + nanos);
            }
        }

        /** Starts a time limit that ends at {@code deadlineNanos} ({@link System#nanoTime()} based); reads no clock. */
        void armUntil(long deadlineNanos) {
            deadline = deadlineNanos == 0 ? 1 : deadlineNanos;
            if (!registered) {
                registered = true;
                watchdog.watch(this);
            }
        }

        /** Ends the time limit; a guard that is not armed is left alone (no volatile write). */
        void disarm() {
            if (deadline != 0) {
                deadline = 0;
            }
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
            watchdog.guards.remove(this);
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

    private void watch(Guard guard) {
        guards.add(guard);
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this::run, "jfio-nbd-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private void run() {
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
            } catch (InterruptedException e) {
                synchronized (this) {
                    thread = null;
                }
                return;
            }
            long now = System.nanoTime();
            for (Guard g : guards) {
                g.check(now);
            }
            synchronized (this) {
                // checked under the lock watch() starts threads with: a guard added after this starts a new one
                if (guards.isEmpty()) {
                    thread = null;
                    return;
                }
            }
        }
    }
}
