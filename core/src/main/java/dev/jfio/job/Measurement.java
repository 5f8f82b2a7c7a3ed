package dev.jfio.job;

/**
 * What a job measures and how its figures are shown: fio's {@code gtod_reduce} and
 * {@code disable_*} switches, {@code stats}, the bandwidth and IOPS sample windows, and the report's
 * {@code unified_rw_reporting} and {@code significant_figures}. Immutable.
 *
 * @param lat              total latency (lat) is measured; false with {@code disable_lat} or {@code gtod_reduce}
 * @param clat             completion latency (clat, and fio's latency distribution) is measured
 * @param slat             submission latency is measured
 * @param bw               {@code disable_bw_measurement} is not set: per-I/O bw log rows are written (fio keeps its bw samples either way)
 * @param stats            {@code stats}: the job is in the report at all
 * @param bwAvgMillis      {@code bwavgtime}: the window of one bandwidth sample
 * @param iopsAvgMillis    {@code iopsavgtime}: the window of one IOPS sample
 * @param unifiedRw        {@code unified_rw_reporting}
 * @param significantFigures {@code significant_figures}: precision of the normal report's rates and sizes
 * @param steadyState      steady-state detection, or null when {@code steadystate_duration} is 0
 */
public record Measurement(
        boolean lat,
        boolean clat,
        boolean slat,
        boolean bw,
        boolean stats,
        int bwAvgMillis,
        int iopsAvgMillis,
        UnifiedRw unifiedRw,
        int significantFigures,
        SteadyState steadyState) {

    /** fio's defaults: everything measured, 500 ms samples, directions apart, 4 figures. */
    public static final Measurement DEFAULT =
            new Measurement(true, true, true, true, true, 500, 500, UnifiedRw.NONE, 4, null);

    static Measurement parse(OptionValues o) {
        MeasureKeys.check(o);
        boolean stats = o.get(MeasureKeys.STATS);
        // fio's account_io_completion: a job without stats times nothing
        boolean reduce = o.get(MeasureKeys.GTOD_REDUCE) || !stats;
        return new Measurement(
                !reduce && !o.get(MeasureKeys.DISABLE_LAT),
                !reduce && !o.get(MeasureKeys.DISABLE_CLAT),
                !reduce && !o.get(MeasureKeys.DISABLE_SLAT),
                !reduce && !o.get(MeasureKeys.DISABLE_BW),
                stats,
                o.get(MeasureKeys.BWAVGTIME),
                o.get(MeasureKeys.IOPSAVGTIME),
                o.get(MeasureKeys.UNIFIED_RW_REPORTING),
                o.get(MeasureKeys.SIGNIFICANT_FIGURES),
                MeasureKeys.steadyState(o));
    }
}
