package dev.jfio.job;

/**
 * Which log files a job writes and how (fio's {@code write_*_log} family). Immutable.
 *
 * @param bwLog            {@code write_bw_log}: the file name prefix ("" for the job's name), or null
 * @param latLog           {@code write_lat_log} (slat, clat and lat logs), likewise
 * @param iopsLog          {@code write_iops_log}, likewise
 * @param histLog          {@code write_hist_log} (clat histograms), likewise
 * @param avgMsec          {@code log_avg_msec}: 0 logs every I/O, else one averaged entry per window
 * @param histMsec         {@code log_hist_msec}: how often a histogram row is written (0: never)
 * @param histCoarseness   {@code log_hist_coarseness}: 2^n adjacent bins merged per column
 * @param maxValue         {@code log_max_value}: a window's maximum instead of its mean
 * @param offset           {@code log_offset}: the I/O's offset column
 * @param prio             {@code log_prio}: the priority column in hex
 * @param unixEpoch        {@code log_unix_epoch} or {@code log_alternate_epoch}: times from the Unix epoch
 * @param perJobLogs       {@code per_job_logs}: the job number in the file names
 * @param compressionChunk {@code log_compression}: bytes of text per zlib chunk (0: off)
 * @param storeCompressed  {@code log_store_compressed}: keep the zlib chunks on disk ({@code .log.fz})
 */
public record LogOptions(
        String bwLog,
        String latLog,
        String iopsLog,
        String histLog,
        int avgMsec,
        int histMsec,
        int histCoarseness,
        boolean maxValue,
        boolean offset,
        boolean prio,
        boolean unixEpoch,
        boolean perJobLogs,
        int compressionChunk,
        boolean storeCompressed) {

    static LogOptions parse(OptionValues o) {
        return new LogOptions(
                o.get(LogKeys.WRITE_BW_LOG),
                o.get(LogKeys.WRITE_LAT_LOG),
                o.get(LogKeys.WRITE_IOPS_LOG),
                o.get(LogKeys.WRITE_HIST_LOG),
                o.get(LogKeys.LOG_AVG_MSEC),
                o.get(LogKeys.LOG_HIST_MSEC),
                o.get(LogKeys.LOG_HIST_COARSENESS),
                o.get(LogKeys.LOG_MAX_VALUE),
                o.get(LogKeys.LOG_OFFSET),
                o.get(LogKeys.LOG_PRIO),
                o.get(LogKeys.LOG_UNIX_EPOCH) || o.get(LogKeys.LOG_ALTERNATE_EPOCH),
                o.get(LogKeys.PER_JOB_LOGS),
                o.get(LogKeys.LOG_COMPRESSION),
                o.get(LogKeys.LOG_STORE_COMPRESSED));
    }

    /** Whether the job writes any log file. */
    public boolean any() {
        return bwLog != null || latLog != null || iopsLog != null || histLog != null;
    }

    /** Whether the files are zlib chunks (.log.fz) rather than text. */
    public boolean compressedFiles() {
        return compressionChunk > 0 && storeCompressed;
    }
}
