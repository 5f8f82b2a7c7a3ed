package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoEngine;

/** fio's rules for serialize_overlap (init.c fixup_options) and io_submit_mode=offload. Stateless. */
final class Overlaps {
    private Overlaps() {}

    /**
     * Whether a job serializes overlapping I/Os: it asked to, it changes data (writes or trims:
     * reads may overlap freely) and more than one I/O can be in flight.
     */
    static boolean serialized(JobSpec spec, int depth) {
        return spec.latency().serializeOverlap()
                && !spec.latency().offload() // offloaded jobs check among themselves, in their submitters
                && (spec.rw().writes() || spec.rw().trims())
                && depth > 1;
    }

    /**
     * The engine the clone's I/O loop drives: {@code engine} itself, or with io_submit_mode=offload
     * an {@link OffloadedEngine} in front of it (which, with serialize_overlap, checks for overlaps
     * among every offloaded job of the run, as fio).
     */
    static IoEngine offloaded(JobSpec spec, IoEngine engine, int depth, OverlapRegistry overlaps) {
        if (!spec.latency().offload()) {
            return engine;
        }
        return new OffloadedEngine(engine, depth, spec.name(), spec.latency().serializeOverlap() ? overlaps : null);
    }
}
