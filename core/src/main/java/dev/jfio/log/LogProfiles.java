package dev.jfio.log;

import dev.jfio.job.LogOptions;
import dev.jfio.spi.IoOp;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Teaches the JIT, before any job runs, that the logs' once-only and time-driven branches are
 * taken: four scratch {@link JobLogs} (averaged with {@code log_avg_msec} or per I/O, with and
 * without each kind of file) go through a ramp, its end, and many windows of made-up time. As with the
 * statistics ({@code LoopProfiles}), HotSpot compiles a branch whose profile never saw it taken as a
 * trap: the end of the ramp (logging starts) and the first window's close then threw the compiled
 * job loop away, into which the logs' per-I/O calls are inlined. The scratch logs are never
 * drained; their entries are dropped.
 *
 * <p>Thread contract: {@link #primeFor} from the thread that starts the jobs; the scratch logs are
 * its own.
 */
public final class LogProfiles {
    /** Enough calls for the interpreter to profile and the first compiler to take over. */
    private static final int CALLS = 10_000;

    /** Made-up time per call: 20 s in all, every 250 ms window closes many times. */
    private static final long STEP_NANOS = 2_000_000L;

    private static final long RAMP_NANOS = CALLS / 4 * STEP_NANOS;

    private static final AtomicBoolean PRIMED = new AtomicBoolean();

    private LogProfiles() {}

    /**
     * Primes once, before the first job that writes logs starts ({@code logs} not {@link
     * JobLogs#NONE}): about 10 ms, and the compilations it causes, which jobs without logs do not
     * pay for.
     */
    public static void primeFor(JobLogs logs) {
        if (logs != JobLogs.NONE && PRIMED.compareAndSet(false, true)) {
            prime();
        }
    }

    /** Runs the scratch logs through their ramp and windows. */
    static void prime() {
        LogOutput sink = LogOutput.unwritten();
        // every branch that depends on a job's log options is seen both ways: averaged or per I/O,
        // each kind of file present or not, a histogram log or not, log_max_value or not
        JobLogs[] logs = {
            scratch(sink, 250, false, LogKind.ALL),
            scratch(sink, 250, true, LogKind.IOPS, LogKind.CLAT),
            scratch(sink, 0, false, LogKind.ALL),
            scratch(sink, 0, false, LogKind.BW)
        };
        long now = 0;
        for (JobLogs l : logs) {
            l.begin(now);
        }
        for (int i = 0; i < CALLS; i++) {
            now += STEP_NANOS;
            if (now == RAMP_NANOS) {
                for (JobLogs l : logs) {
                    l.begin(now); // the ramp is over: logging starts
                }
            }
            JobLogs l = logs[i & 3];
            long clat = 100L << (i & 15);
            long slat = (i & 4) == 0 ? -1 : 500;
            l.completed((i & 8) == 0 ? IoOp.READ : IoOp.WRITE, 4096, 4096L * i, slat, clat, clat + 500, now);
            l.tick(now);
        }
        for (JobLogs l : logs) {
            l.end(now);
        }
    }

    private static JobLogs scratch(LogOutput sink, int avgMsec, boolean maxValue, LogKind... kinds) {
        LogOutput[] outputs = new LogOutput[LogKind.ALL.length];
        for (LogKind k : kinds) {
            outputs[k.ordinal()] = sink;
        }
        LogOptions options = new LogOptions(
                "bw", "lat", "iops", "hist", avgMsec, 500, 0, maxValue, false, false, false, false, 0, false);
        return new JobLogs("prime", options, outputs, RAMP_NANOS);
    }
}
