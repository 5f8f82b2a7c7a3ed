package dev.jfio.run;

import dev.jfio.spi.IoTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a job clone's targets are open now, by index: the job clone closes what is still open
 * when the job ends, {@link OpenFiles} opens and closes files as they finish. Constant time per
 * change and allocation-free, so a job that opens every one of tens of thousands of files once per
 * pass (a {@code TIMED_OPEN} engine) pays nothing per file for the bookkeeping. Job thread only.
 */
final class OpenTargets {
    private final List<IoTarget> targets;
    private final boolean[] open;
    private int count;

    OpenTargets(List<IoTarget> targets) {
        this.targets = targets;
        this.open = new boolean[targets.size()];
    }

    boolean isOpen(int t) {
        return open[t];
    }

    void opened(int t) {
        if (!open[t]) {
            open[t] = true;
            count++;
        }
    }

    void closed(int t) {
        if (open[t]) {
            open[t] = false;
            count--;
        }
    }

    /** How many targets are open. */
    int count() {
        return count;
    }

    /** The open targets in target order: a new list, for the end of the job. */
    List<IoTarget> list() {
        List<IoTarget> list = new ArrayList<>(count);
        for (int t = 0; t < open.length; t++) {
            if (open[t]) {
                list.add(targets.get(t));
            }
        }
        return list;
    }
}
