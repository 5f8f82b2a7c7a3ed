/**
 * fio's log files ({@code write_bw_log}, {@code write_lat_log}, {@code write_iops_log},
 * {@code write_hist_log}) in fio 3.33's formats and names.
 *
 * <p>A job thread hands each completed I/O to its {@link dev.jfio.log.JobLogs}, which writes a few
 * longs into a preallocated ring (per-I/O logs) or folds it into a window (averaged and histogram
 * logs) and allocates nothing. One {@link dev.jfio.log.LogWriter} thread per run drains the rings
 * into the files; when it cannot keep up, entries are dropped and counted, so memory stays bounded
 * however long the run. {@link dev.jfio.log.RunLogs} opens every file before the jobs start (a bad
 * path fails the run before anything runs) and reports the drops at the end.
 */
package dev.jfio.log;
