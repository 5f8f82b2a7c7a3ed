package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.job.SteadyState;

/**
 * fio's steadystate.c for one job: once a second (fio's STEADYSTATE_MSEC) after
 * {@code steadystate_ramp_time} plus one second, the job's IOPS and bandwidth over the last second
 * go into a ring of {@code steadystate_duration} samples; once it is full, the criterion (the
 * least-squares slope, or the largest deviation from the mean; absolute or as a percentage of the
 * mean) is judged on every sample, and the job has attained steady state when it falls below the
 * limit. The arithmetic is fio's, ring indices and running sums included. In a group_reporting
 * group the last job's detector judges the group's summed rates ({@link SteadyStateGroups}) and the
 * others follow it.
 *
 * <p>Thread contract: single writer, the job's thread (through {@link JobStats#tick}); allocation-free.
 * {@link #attained()} may be read from the job threads of the followers.
 */
final class SteadyStateDetector {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final SteadyState ss;
    private final int dur;
    private final long[] bw;
    private final long[] iops;
    private final long sumX;
    private final long sumXSq;
    private int head;
    private int tail;
    private boolean bufferFull;
    private volatile boolean attained;
    /** The group whose live counts are summed, or null for this job's own counts. */
    private JobStats[] group;
    /** The detector judging this job's group, or null when this one judges. */
    private SteadyStateDetector leader;

    private boolean rampOver;
    private double slope;
    private double deviation;
    private double criterion;
    private long sumY;
    private long sumXY;
    private long oldestY;

    private boolean started;
    private long epoch;
    private long prevTime;
    private long nextCheck;
    private long prevBytes;
    private long prevIos;

    SteadyStateDetector(SteadyState ss) {
        this.ss = ss;
        this.dur = ss.durationSeconds();
        this.bw = new long[dur];
        this.iops = new long[dur];
        this.sumX = (long) dur * (dur - 1) / 2;
        this.sumXSq = (long) (dur - 1) * dur * (2L * dur - 1) / 6;
        this.rampOver = ss.rampNanos() == 0;
    }

    /** Measuring (re)starts: the job's totals are back at 0. The first call starts the clock. */
    void begin(long now) {
        if (!started) {
            started = true;
            epoch = now;
            prevTime = now;
            nextCheck = now + PERIOD_NANOS;
        }
        prevBytes = 0;
        prevIos = 0;
    }

    boolean attained() {
        return leader != null ? leader.attained : attained;
    }

    /** Judges the summed rates of {@code members} (this job among them). Before the jobs start. */
    void judge(JobStats[] members) {
        group = members.clone();
    }

    /** Takes no samples: the group's {@code judge} decides. Before the jobs start. */
    void follow(SteadyStateDetector judge) {
        leader = judge;
    }

    /** Takes a sample when a second is over and judges it. Usually one compare. */
    void tick(long now, long[] bytes, long[] ios) {
        if (leader != null || attained || !started || now - nextCheck < 0) {
            return;
        }
        nextCheck = Math.max(nextCheck + PERIOD_NANOS, now + PERIOD_NANOS / 2);
        if (!rampOver && now - epoch >= ss.rampNanos() + PERIOD_NANOS) {
            rampOver = true; // fio: sampling begins one second after ss_ramp
        }
        long totalBytes = 0;
        long totalIos = 0;
        for (int d = 0; d < bytes.length; d++) {
            if (group == null) {
                totalBytes += bytes[d];
                totalIos += ios[d];
            } else {
                for (JobStats m : group) {
                    totalBytes += m.liveBytes(IoOps.DATA[d]);
                    totalIos += m.liveIos(IoOps.DATA[d]);
                }
            }
        }
        long rateMillis = (now - prevTime) / 1_000_000L;
        prevTime = now;
        long deltaBytes = totalBytes - prevBytes;
        long deltaIos = totalIos - prevIos;
        prevBytes = totalBytes;
        prevIos = totalIos;
        if (!rampOver || rateMillis <= 0) {
            return;
        }
        long bwNow = 1000 * deltaBytes / rateMillis;
        long iopsNow = 1000 * deltaIos / rateMillis;
        attained = ss.slope() ? slope(iopsNow, bwNow) : deviation(iopsNow, bwNow);
    }

    private long y(int i) {
        return ss.iops() ? iops[i] : bw[i];
    }

    private boolean slope(long iopsNow, long bwNow) {
        bw[tail] = bwNow;
        iops[tail] = iopsNow;
        long newVal = ss.iops() ? iopsNow : bwNow;
        if (bufferFull || tail - head == dur - 1) {
            if (!bufferFull) {
                sumY = 0;
                for (int i = 0; i < dur; i++) {
                    sumY += y(i);
                    sumXY += i * y((head + i) % dur);
                }
                bufferFull = true;
            } else {
                sumY -= oldestY;
                sumY += newVal;
                sumXY = sumXY - sumY + dur * newVal;
            }
            oldestY = y(head);
            slope = (sumXY - (double) sumX * sumY / dur) / (sumXSq - (double) sumX * sumX / dur);
            criterion = ss.percent() ? 100.0 * slope / ((double) sumY / dur) : slope;
            if (Math.abs(criterion) < ss.limit()) {
                return true;
            }
        }
        advance();
        return false;
    }

    private boolean deviation(long iopsNow, long bwNow) {
        bw[tail] = bwNow;
        iops[tail] = iopsNow;
        if (bufferFull || tail - head == dur - 1) {
            if (!bufferFull) {
                sumY = 0;
                for (int i = 0; i < dur; i++) {
                    sumY += y(i);
                }
                bufferFull = true;
            } else {
                sumY -= oldestY;
                sumY += y(tail);
            }
            oldestY = y(head);
            double mean = (double) sumY / dur;
            deviation = 0.0;
            for (int i = 0; i < dur; i++) {
                deviation = Math.max(deviation, Math.abs(y(i) - mean));
            }
            criterion = ss.percent() ? 100.0 * deviation / mean : deviation;
            if (criterion < ss.limit()) {
                return true;
            }
        }
        advance();
        return false;
    }

    private void advance() {
        tail = (tail + 1) % dur;
        if (tail <= head) {
            head = (head + 1) % dur;
        }
    }

    /** The result as fio reports it: samples oldest first, from fio's ring position; null for a follower. */
    SteadyStateResult result() {
        if (leader != null) {
            return null;
        }
        int j = attained || !bufferFull ? head : head == 0 ? dur - 1 : head - 1;
        long[] bwOut = new long[dur];
        long[] iopsOut = new long[dur];
        for (int l = 0; l < dur; l++) {
            int k = (j + l) % dur;
            bwOut[l] = bw[k];
            iopsOut[l] = iops[k];
        }
        return new SteadyStateResult(
                ss.criterionText(),
                dur,
                attained,
                ss.iops(),
                ss.slope(),
                ss.percent(),
                criterion,
                deviation,
                slope,
                bwOut,
                iopsOut);
    }
}
