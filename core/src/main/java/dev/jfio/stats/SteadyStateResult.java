package dev.jfio.stats;

/**
 * What fio's steady-state detection found for a job (its JSON "steadystate" object and the normal
 * report's "steadystate" line).
 *
 * @param ss            the criterion and limit as fio prints them ({@code iops:5.000000%})
 * @param duration      steadystate_duration in seconds: how many samples were judged together
 * @param attained      whether the criterion was met (the job then ended)
 * @param iops          the criterion judged IOPS (else bandwidth)
 * @param slope         the criterion is a slope (else a deviation from the mean)
 * @param percent       the criterion is a percentage of the mean
 * @param criterion     the last value of the criterion
 * @param maxDeviation  the last maximum deviation from the mean (deviation criteria; else 0)
 * @param slopeValue    the last slope (slope criteria; else 0)
 * @param bw            the judged bandwidth samples in bytes/s, oldest first (zeros where none was taken)
 * @param iopsData      the judged IOPS samples, oldest first
 */
public record SteadyStateResult(
        String ss,
        int duration,
        boolean attained,
        boolean iops,
        boolean slope,
        boolean percent,
        double criterion,
        double maxDeviation,
        double slopeValue,
        long[] bw,
        long[] iopsData) {

    /** fio's steadystate_bw_mean: the samples' integer mean. */
    public long bwMean() {
        return mean(bw, duration);
    }

    /** fio's steadystate_iops_mean. */
    public long iopsMean() {
        return mean(iopsData, duration);
    }

    private static long mean(long[] data, int n) {
        long sum = 0;
        for (long v : data) {
            sum += v;
        }
        return n == 0 ? 0 : sum / n;
    }
}
