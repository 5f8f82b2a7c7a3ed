package dev.jfio.run;

import dev.jfio.job.Rate;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * fio's token flow control (flow.c): the jobs that share a {@code flow_id} keep their I/O counts
 * in the ratio of their {@code flow} weights. Before each I/O a job compares its share of the
 * group's count with its share of the group's weight; while it is ahead it is held back (and,
 * with {@code flow_sleep}, drains and sleeps that long), otherwise it counts the I/O in both.
 *
 * <p>Thread contract: one instance per job clone, used by its thread; the group's counters are
 * shared atomics. {@link #holdsBack} allocates nothing.
 */
final class FlowControl {
    /** The counters of one flow_id, shared by its jobs. */
    static final class Group {
        /** fio starts it at 1, so that the first ratio is finite. */
        final AtomicLong count = new AtomicLong(1);

        final AtomicLong totalWeight = new AtomicLong();
    }

    /** The run's groups by flow_id; filled while the run is prepared, on one thread. */
    static final class Groups {
        private final Map<Integer, Group> byId = new HashMap<>();

        /** The flow control of a job with {@code rate}'s flow weight, or null when it has none. */
        FlowControl join(Rate rate) {
            if (rate.flow() <= 0) {
                return null;
            }
            Group g = byId.computeIfAbsent(rate.flowId(), id -> new Group());
            g.totalWeight.addAndGet(rate.flow());
            return new FlowControl(g, rate.flow(), rate.flowSleepNanos());
        }
    }

    private final Group group;
    private final int weight;
    private final long sleepNanos;
    private long count;

    private FlowControl(Group group, int weight, long sleepNanos) {
        this.group = group;
        this.weight = weight;
        this.sleepNanos = sleepNanos;
    }

    /**
     * Whether the job must hold back its next I/O because it is ahead of its weight; with
     * flow_sleep it then drains (fio's io_u_quiesce) and sleeps. When it may go on, the I/O is
     * counted.
     */
    boolean holdsBack(LoopControl loop) throws IOException {
        double countShare = (double) count / group.count.get();
        double weightShare = (double) weight / group.totalWeight.get();
        if (countShare > weightShare) {
            if (sleepNanos > 0) {
                loop.drain();
                LockSupport.parkNanos(sleepNanos);
            }
            return true;
        }
        group.count.incrementAndGet();
        count++;
        return false;
    }

    /** The job is done: its count and weight leave the group, so the others are no longer held to them. */
    void leave() {
        group.count.addAndGet(-count);
        group.totalWeight.addAndGet(-weight);
        count = 0;
    }
}
