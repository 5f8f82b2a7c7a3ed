package dev.jfio.run;

import dev.jfio.stats.IntervalHistograms;
import dev.jfio.stats.IntervalResult;
import dev.jfio.stats.IntervalSum;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the figures of each interval from the running job clones (jfio's {@code --interval-stats}):
 * one {@link IntervalResult} per clone, or per group of clones with group_reporting, the way the
 * report groups them. Every clone hands its interval over at its next tick without waiting (see
 * {@link IntervalHistograms}); a clone that ended gives the rest of its I/O as its last interval,
 * so a job's intervals add up to its totals.
 *
 * <p>Thread contract: one thread takes the intervals ({@link #take}, {@link #takeLast}), while the
 * job threads run.
 */
public final class IntervalCollector {
    private static final long POLL_NANOS = 200_000L;

    private final List<JobClone> clones;
    private final IntervalHistograms[] intervals;
    /** Per clone: its last interval was taken (or it has none to give). */
    private final boolean[] done;

    private final List<Unit> units = new ArrayList<>();

    /** A line of the output: one clone, or a group's clones. */
    private record Unit(List<Integer> members, boolean group, IntervalSum sum) {}

    IntervalCollector(List<JobClone> clones) {
        this.clones = clones;
        this.intervals = new IntervalHistograms[clones.size()];
        this.done = new boolean[clones.size()];
        for (int i = 0; i < clones.size(); i++) {
            JobClone clone = clones.get(i);
            intervals[i] = clone.stats.keepIntervals(clone.spec.timing().rampTimeNanos() > 0);
        }
        int i = 0;
        while (i < clones.size()) {
            JobClone clone = clones.get(i);
            List<Integer> members = new ArrayList<>();
            members.add(i);
            int j = i + 1;
            if (clone.spec.reporting().groupReporting()) {
                while (j < clones.size()
                        && clones.get(j).groupId == clone.groupId
                        && clones.get(j).spec.reporting().groupReporting()) {
                    members.add(j);
                    j++;
                }
            }
            boolean group = clone.spec.reporting().groupReporting() && members.size() > 1;
            units.add(new Unit(List.copyOf(members), group, new IntervalSum(intervals[i].directions())));
            i = j;
        }
    }

    /**
     * The interval since the last take of every clone that runs or ended since: asks each running
     * clone for it and waits up to {@code waitNanos} for them to hand it over (a clone that does
     * not in time, blocked in its engine, gives it at the next take).
     */
    public List<IntervalResult> take(long waitNanos) {
        for (int i = 0; i < clones.size(); i++) {
            JobClone clone = clones.get(i);
            if (clone.started && !done[i] && !clone.finished) {
                intervals[i].request();
            }
        }
        long deadline = System.nanoTime() + waitNanos;
        for (int i = 0; i < clones.size(); i++) {
            JobClone clone = clones.get(i);
            if (!clone.started || done[i]) {
                continue;
            }
            while (intervals[i].poll() == null && !clone.finished && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        List<IntervalResult> results = new ArrayList<>();
        for (Unit unit : units) {
            IntervalResult r = takeUnit(unit, false);
            if (r != null) {
                results.add(r);
            }
        }
        return results;
    }

    /**
     * After the run: the last intervals of every clone not taken yet (clones that never started
     * have none).
     */
    public List<IntervalResult> takeLast() {
        List<IntervalResult> results = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // a handed-over interval, then the rest
            for (Unit unit : units) {
                IntervalResult r = takeUnit(unit, true);
                if (r != null) {
                    results.add(r);
                }
            }
        }
        return results;
    }

    private IntervalResult takeUnit(Unit unit, boolean runOver) {
        IntervalSum sum = unit.sum();
        sum.clear();
        boolean allDone = true;
        int jobs = 0;
        for (int i : unit.members()) {
            JobClone clone = clones.get(i);
            if (!clone.started || clone.abandoned) { // an abandoned clone's thread may still tick
                allDone &= runOver;
                continue;
            }
            if (done[i]) {
                continue;
            }
            boolean ended = clone.finished; // read first: once true, the job thread ticks no more
            IntervalHistograms.Interval interval = intervals[i].poll();
            if (interval == null && ended) {
                interval = clone.stats.lastInterval();
                done[i] = true;
            }
            if (interval != null) {
                if (interval.measured()) {
                    sum.add(interval);
                    jobs++;
                }
                intervals[i].release();
            }
            allDone &= done[i];
        }
        if (sum.isEmpty()) {
            return null;
        }
        JobClone first = clones.get(unit.members().get(0));
        return sum.result(
                first.spec.name(), unit.group() ? -1 : first.cloneIndex, first.groupId, jobs, unit.group(), allDone);
    }
}
