package dev.jfio.run;

import dev.jfio.job.JobSpec;

/**
 * fio's queue depth options, resolved against the job's actual iodepth.
 *
 * @param depth units in flight at most (iodepth)
 * @param batchSubmit queued units committed together (iodepth_batch_submit)
 * @param completeMin fewest completions one reap waits for (iodepth_batch_complete_min)
 * @param completeMax most completions one reap takes (iodepth_batch_complete_max)
 * @param lowWater a full queue is reaped down to this many in flight (iodepth_low)
 */
record QueueDepths(int depth, int batchSubmit, int completeMin, int completeMax, int lowWater) {

    static QueueDepths of(JobSpec spec, int depth) {
        int completeMin = clamp(spec.depth().batchCompleteMin(), 1, depth);
        int completeMax = spec.depth().batchCompleteMax() <= 0
                ? depth
                : clamp(spec.depth().batchCompleteMax(), completeMin, depth);
        int low = spec.depth().low() <= 0 ? depth : Math.min(spec.depth().low(), depth);
        return new QueueDepths(
                depth, clamp(spec.depth().batchSubmit(), 1, depth), completeMin, completeMax, Math.min(low, depth - 1));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
