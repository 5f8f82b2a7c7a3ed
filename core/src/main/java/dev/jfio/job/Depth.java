package dev.jfio.job;

/**
 * How many I/Os a job keeps in flight and how it batches them. Immutable.
 *
 * @param iodepth          {@code iodepth}: requests in flight
 * @param batchSubmit      {@code iodepth_batch_submit}
 * @param batchCompleteMin {@code iodepth_batch_complete_min}
 * @param batchCompleteMax {@code iodepth_batch_complete_max}; iodepth when unset
 * @param low              {@code iodepth_low}; iodepth when unset
 */
public record Depth(int iodepth, int batchSubmit, int batchCompleteMin, int batchCompleteMax, int low) {

    static Depth parse(OptionValues o) {
        int iodepth = o.get(PacingKeys.IODEPTH);
        int submit = o.get(PacingKeys.IODEPTH_BATCH_SUBMIT);
        int completeMin = o.get(PacingKeys.IODEPTH_BATCH_COMPLETE_MIN);
        Integer completeMax = o.get(PacingKeys.IODEPTH_BATCH_COMPLETE_MAX);
        Integer low = o.get(PacingKeys.IODEPTH_LOW);
        Depth d = new Depth(
                iodepth, submit, completeMin, completeMax == null ? iodepth : completeMax, low == null ? iodepth : low);
        if (d.batchCompleteMin > d.batchCompleteMax) {
            Setting where = o.setting(PacingKeys.IODEPTH_BATCH_COMPLETE_MIN);
            throw Setting.error(
                    where != null ? where : o.setting(PacingKeys.IODEPTH_BATCH_COMPLETE_MAX),
                    "iodepth_batch_complete_min (" + d.batchCompleteMin
                            + ") is larger than iodepth_batch_complete_max (" + d.batchCompleteMax + ")");
        }
        return d;
    }
}
