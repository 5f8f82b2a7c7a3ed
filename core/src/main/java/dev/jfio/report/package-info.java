/**
 * fio's report formats for a finished run: normal, terse (version 3), json and json+, matching
 * fio 3.33 line for line and key for key, independent of the default locale.
 *
 * <p>Entry points: {@link dev.jfio.report.Reports} and {@link dev.jfio.report.ReportFormat}. The
 * input is the result model of {@code dev.jfio.stats}. jfio's additions (sched lat, engine
 * properties, notes, error messages) sit where fio's parsers do not look: extra lines at the end of
 * a normal job block, extra JSON keys ("sched_lat_ns", "jfio").
 */
package dev.jfio.report;
