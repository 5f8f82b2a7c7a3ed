package dev.jfio.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Latencies per I/O priority and direction, for jobs whose engine gives some I/Os another priority
 * (cmdprio_percentage, cmdprio_bssplit): fio's clat_prio stats. Each priority seen gets a clat
 * and a lat {@link LatencyRecorder}; the report shows clat, or lat under lat_percentiles, as fio.
 *
 * <p>Thread contract: as {@link JobStats}, whose job thread alone records. Recording allocates
 * only the first time a priority is seen in a direction.
 */
final class PriorityLatencies {
    private final int[][] keys;
    private final LatencyRecorder[][] clat;
    private final LatencyRecorder[][] lat;
    private final int[] count;
    private boolean enabled;

    PriorityLatencies(int dirs) {
        keys = new int[dirs][4];
        clat = new LatencyRecorder[dirs][4];
        lat = new LatencyRecorder[dirs][4];
        count = new int[dirs];
    }

    /** Starts recording (before the job thread starts). */
    void enable() {
        enabled = true;
    }

    /** One completed I/O of direction {@code d} with priority {@code ioprio}. */
    void record(int d, int ioprio, long clatNanos, long latNanos) {
        if (!enabled) {
            return;
        }
        int[] k = keys[d];
        int n = count[d];
        int i = 0;
        while (i < n && k[i] != ioprio) {
            i++;
        }
        if (i == n) {
            i = add(d, ioprio);
        }
        clat[d][i].record(clatNanos);
        lat[d][i].record(latNanos);
    }

    private int add(int d, int ioprio) {
        int n = count[d];
        if (n == keys[d].length) {
            keys[d] = java.util.Arrays.copyOf(keys[d], 2 * n);
            clat[d] = java.util.Arrays.copyOf(clat[d], 2 * n);
            lat[d] = java.util.Arrays.copyOf(lat[d], 2 * n);
        }
        keys[d][n] = ioprio;
        clat[d][n] = new LatencyRecorder();
        lat[d][n] = new LatencyRecorder();
        count[d] = n + 1;
        return n;
    }

    /** Applies {@code action} to every recorder (reset, finish, footprint). */
    void each(Consumer<LatencyRecorder> action) {
        for (int d = 0; d < count.length; d++) {
            for (int i = 0; i < count[d]; i++) {
                action.accept(clat[d][i]);
                action.accept(lat[d][i]);
            }
        }
    }

    /** {@code r} with direction {@code d}'s figures per priority. */
    DirectionResult attach(int d, DirectionResult r) {
        if (d >= count.length || count[d] == 0) {
            return r;
        }
        List<PriorityLatency> out = new ArrayList<>(count[d]);
        for (int i = 0; i < count[d]; i++) {
            out.add(new PriorityLatency(keys[d][i], clat[d][i].result(), lat[d][i].result()));
        }
        out.sort(java.util.Comparator.comparingInt(PriorityLatency::ioprio)); // the job's own (0) first, as fio
        return r.withPriorities(List.copyOf(out));
    }
}
