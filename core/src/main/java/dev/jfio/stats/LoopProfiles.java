package dev.jfio.stats;

import dev.jfio.job.Measurement;
import dev.jfio.spi.IoOp;

/**
 * Teaches the JIT, before any job runs, that the statistics' time-driven branches are taken: a
 * scratch {@link JobStats} records I/Os and ticks through twenty seconds of made-up time, closing
 * bandwidth, IOPS and series windows. HotSpot keeps one branch profile per method, shared by every
 * caller, and compiles a branch that was never taken as a trap. Without this, the job loop was
 * compiled within milliseconds of the start, before the first 500 ms window had closed; each
 * window's first close then threw a compiled copy of the loop away, one after another (at 0.5,
 * 1.0, 1.5 and 2.0 s), and a run reached its steady rate only after about two seconds.
 *
 * <p>Thread contract: {@link #start} once, from the main thread, before the jobs start; the scratch
 * statistics are the background thread's own.
 */
public final class LoopProfiles {
    /** Enough calls for the interpreter to profile and the first compiler to take over. */
    private static final int CALLS = 10_000;

    /** Made-up time per call: every window the statistics keep closes many times. */
    private static final long STEP_NANOS = 2_000_000L;

    /** The longest a job waits for the priming (it takes about 60 ms of one core). */
    private static final long AWAIT_MILLIS = 2_000;

    private static volatile Thread priming;

    private LoopProfiles() {}

    /** Starts the priming on a daemon thread and returns at once. */
    public static void start() {
        Thread t = new Thread(LoopProfiles::prime, "jfio-loop-profiles");
        t.setDaemon(true);
        priming = t;
        t.start();
    }

    /**
     * Waits until the priming is done (at most two seconds), so that no job loop is compiled from a
     * profile without it; returns at once when it was never started. Any thread.
     */
    public static void await() {
        Thread t = priming;
        if (t == null) {
            return;
        }
        try {
            t.join(AWAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void prime() {
        // both kinds of job (asynchronous and rate limited, or neither), so that every branch of
        // recording is seen both ways and none of the priming's own profile misleads a real job
        JobStats[] stats = {
            new JobStats(new boolean[] {true, true, false}, true, true, 64, Measurement.DEFAULT),
            new JobStats(new boolean[] {true, true, false}, false, false, 64, Measurement.DEFAULT)
        };
        long now = 0;
        for (JobStats s : stats) {
            s.begin(now);
        }
        for (int i = 0; i < CALLS; i++) {
            now += STEP_NANOS;
            JobStats s = stats[i & 1];
            // latencies sweep nanoseconds to milliseconds, so that no range is new to the recorders
            long clat = 100L << (i & 15);
            long slat = (i & 2) == 0 ? -1 : 500;
            long sched = (i & 4) == 0 ? -1 : clat;
            int bytes = (i & 31) == 0 ? 512 : 4096; // a short I/O now and then
            s.recordIo((i & 8) == 0 ? IoOp.READ : IoOp.WRITE, bytes, 4096, slat, clat, clat + 500, sched);
            s.recordDepth(1 + (i & 63));
            s.tick(now);
        }
        for (JobStats s : stats) {
            s.end(now);
        }
    }
}
