/**
 * {@code jfio merge}: the JSON results of the ranks of one distributed run (issue 17) merged into
 * one report of fio's client-mode shape ({@code "client_stats"}: each rank's jobs, then an "All
 * clients" aggregate per group), whose percentiles come from the ranks' HdrHistograms added
 * exactly, whose time series are aligned by wall clock, and which names missing and failed ranks.
 *
 * <p>Entry point: {@link dev.jfio.merge.MergeCommand}. Reads with {@code dev.jfio.compare}'s JSON
 * reader; depends on nothing of the runner.
 */
package dev.jfio.merge;
