package dev.jfio.job;

/**
 * What a job's report shows. Immutable.
 *
 * @param groupReporting  {@code group_reporting}: one report per group
 * @param clatPercentiles {@code clat_percentiles} (default true)
 * @param latPercentiles  {@code lat_percentiles}
 * @param slatPercentiles {@code slat_percentiles}
 * @param hdrLogPrefix    {@code write_hdr_log} (jfio only): where the HdrHistogram interval logs go, or null
 * @param intervalMillis  {@code hdr_log_msec} (jfio only): the interval of those logs and of the JSON time series
 * @param diskUtil        {@code disk_util}: report the utilisation of the devices under the files (default true)
 * @param measurement     what is measured and how it is shown ({@link MeasureKeys})
 */
public record Reporting(
        boolean groupReporting,
        boolean clatPercentiles,
        boolean latPercentiles,
        boolean slatPercentiles,
        double[] percentileList,
        String hdrLogPrefix,
        int intervalMillis,
        boolean diskUtil,
        Measurement measurement) {
    public Reporting {
        percentileList = percentileList.clone();
    }

    static Reporting parse(OptionValues o) {
        Measurement m = Measurement.parse(o);
        // fio's fixup_options: no percentiles of a latency that is not measured
        return new Reporting(
                o.get(JobControlKeys.GROUP_REPORTING),
                o.get(JobControlKeys.CLAT_PERCENTILES) && m.clat(),
                o.get(JobControlKeys.LAT_PERCENTILES) && m.lat(),
                o.get(JobControlKeys.SLAT_PERCENTILES) && m.slat(),
                o.get(JobControlKeys.PERCENTILE_LIST),
                o.get(JobControlKeys.WRITE_HDR_LOG),
                o.get(JobControlKeys.HDR_LOG_MSEC),
                o.get(JobControlKeys.DISK_UTIL),
                m);
    }

    /** The percentiles to report; fio's 17 defaults when unset. A copy. */
    @Override
    public double[] percentileList() {
        return percentileList.clone();
    }
}
