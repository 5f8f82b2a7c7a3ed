package dev.jfio.run;

import dev.jfio.job.JobSpec;

/** fio's rule for when serialize_overlap applies (init.c fixup_options). Stateless. */
final class Overlaps {
    private Overlaps() {}

    /**
     * Whether a job serializes overlapping I/Os: it asked to, it changes data (writes or trims:
     * reads may overlap freely) and more than one I/O can be in flight.
     */
    static boolean serialized(JobSpec spec, int depth) {
        return spec.latency().serializeOverlap()
                && (spec.rw().writes() || spec.rw().trims())
                && depth > 1;
    }
}
