package dev.jfio.cli;

import dev.jfio.run.CloneProgress;
import dev.jfio.run.CloneProgress.Phase;
import java.util.List;

/**
 * fio's estimate of the time left (eta.c {@code thread_eta} and {@code calc_thread_status}), in
 * whole seconds, from what each clone did so far. Stateless.
 */
final class EtaEstimate {
    /** No estimate (fio's -1: a job without progress to judge by). */
    static final long UNKNOWN = -1;

    private EtaEstimate() {}

    /**
     * The run's time left: the longest of the clones that run or may start now, plus the time of
     * each job that waits for the ones before it (stonewall), as fio adds them.
     */
    static long run(List<CloneProgress> clones) {
        long eta = 0;
        long stonewalled = 0;
        for (CloneProgress c : clones) {
            long e = clone(c);
            if (c.phase() == Phase.PENDING && c.stonewall()) {
                stonewalled += e;
            } else if (e > eta) {
                eta = e;
            }
        }
        return eta + stonewalled;
    }

    /** One clone's time left in seconds. */
    static long clone(CloneProgress c) {
        long elapsed = ceilSeconds(c.phaseNanos());
        long timeout = c.runtimeNanos() / 1_000_000_000L;
        switch (c.phase()) {
            case RUNNING: {
                double perc = 0;
                if (c.bytesTotal() > 0) {
                    perc = Math.min(1.0, (double) c.bytesDone() / c.bytesTotal());
                }
                if (c.timeBased()) {
                    if (timeout > 0) {
                        double percTime = (double) elapsed / timeout;
                        if (percTime < perc) {
                            perc = percTime;
                        }
                    } else {
                        perc = 0;
                    }
                }
                long eta = perc == 0 ? timeout : (long) (elapsed * (1.0 / perc)) - elapsed;
                if (timeout > 0 && eta > timeout - elapsed) {
                    eta = Math.max(0, timeout - elapsed);
                }
                return eta;
            }
            case PENDING:
            case STARTING:
            case RAMP: {
                long byTime = 0;
                if (c.runtimeNanos() > 0) {
                    byTime = (c.runtimeNanos() + c.startDelayNanos() + c.rampNanos()) / 1_000_000_000L;
                    if (c.phase() == Phase.RAMP) {
                        long rampSpent = ceilSeconds(c.phaseNanos());
                        if (rampSpent <= byTime) {
                            byTime -= rampSpent;
                        }
                    }
                }
                long byRate = 0;
                if (c.rateBytes() > 0) {
                    byRate = c.bytesTotal() / c.rateBytes() + c.startDelayNanos() / 1_000_000_000L;
                }
                if (byRate > 0 && byTime > 0) {
                    return Math.min(byRate, byTime);
                }
                return byRate > 0 ? byRate : byTime;
            }
            default:
                return 0;
        }
    }

    /** fio's eta_to_str: "05m:03s", "01h:05m:03s", "02d:01h:05m:03s", "--" when unknown. */
    static String format(long seconds) {
        if (seconds < 0) {
            return "--";
        }
        long s = seconds % 60;
        long m = seconds / 60 % 60;
        long h = seconds / 3600 % 24;
        long d = seconds / 86400;
        StringBuilder sb = new StringBuilder();
        if (d > 0) {
            sb.append(two(d)).append("d:");
        }
        if (h > 0 || d > 0) {
            sb.append(two(h)).append("h:");
        }
        return sb.append(two(m)).append("m:").append(two(s)).append('s').toString();
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** fio's (msec + 999) / 1000. */
    static long ceilSeconds(long nanos) {
        return (nanos / 1_000_000L + 999) / 1000;
    }
}
