package dev.jfio.cli;

import dev.jfio.job.TimeParsers;

/**
 * The flags of the live output, checked: the ETA line ({@code --eta}, {@code --eta-interval},
 * {@code --eta-newline}, as fio's), fio's cumulative {@code --status-interval} reports, and jfio's
 * per-interval figures ({@code --interval-stats}, {@code --interval-stats-output}).
 *
 * @param eta auto, always or never
 * @param etaIntervalNanos how often the ETA line is rewritten (fio's default 1 s, at least 250 ms)
 * @param etaNewlineNanos how often the ETA line starts a new line; 0 for never
 * @param statusIntervalNanos how often the cumulative report is written; 0 for never
 * @param intervalStatsNanos how often per-interval figures are written; 0 for never
 * @param intervalStatsOutput where they go: a file, or "-" for stderr
 */
record LiveOptions(
        String eta,
        long etaIntervalNanos,
        long etaNewlineNanos,
        long statusIntervalNanos,
        long intervalStatsNanos,
        String intervalStatsOutput) {

    static final long DEFAULT_ETA_INTERVAL_NANOS = 1_000_000_000L;
    /** fio's DISK_UTIL_MSEC: the shortest --eta-interval fio allows. */
    static final long MIN_ETA_INTERVAL_NANOS = 250_000_000L;

    static final long MIN_INTERVAL_STATS_NANOS = 10_000_000L;
    /** --interval-stats-output's value for stderr. */
    static final String STDERR = "-";

    /**
     * Checks the flags, so that a mistake fails before anything is written to the report.
     *
     * @throws IllegalArgumentException with a one-line message naming the flag and what it accepts
     */
    static LiveOptions of(CliArguments cli) {
        if (!cli.eta.equals("auto") && !cli.eta.equals("always") && !cli.eta.equals("never")) {
            throw new IllegalArgumentException("--eta=" + cli.eta + ": expected auto, always or never");
        }
        long etaInterval = DEFAULT_ETA_INTERVAL_NANOS;
        if (cli.etaInterval != null) {
            etaInterval = time("--eta-interval", cli.etaInterval);
            if (etaInterval < MIN_ETA_INTERVAL_NANOS) {
                throw new IllegalArgumentException(
                        "--eta-interval=" + cli.etaInterval + ": too short (250ms min, as fio)");
            }
        }
        long etaNewline = 0;
        if (cli.etaNewline != null) {
            etaNewline = time("--eta-newline", cli.etaNewline);
            if (etaNewline < 1_000_000L) {
                throw new IllegalArgumentException("--eta-newline=" + cli.etaNewline + ": too short (1ms min)");
            }
        }
        long status = 0;
        if (cli.statusInterval != null) {
            status = time("--status-interval", cli.statusInterval);
            if (status < 1_000_000L) {
                throw new IllegalArgumentException(
                        "--status-interval=" + cli.statusInterval + ": must be at least 1ms");
            }
        }
        long intervals = 0;
        if (cli.intervalStats != null) {
            intervals = time("--interval-stats", cli.intervalStats);
            if (intervals < MIN_INTERVAL_STATS_NANOS) {
                throw new IllegalArgumentException("--interval-stats=" + cli.intervalStats + ": must be at least 10ms");
            }
        }
        String output = cli.intervalStatsOutput;
        if (output != null && cli.intervalStats == null) {
            throw new IllegalArgumentException("--interval-stats-output=" + output
                    + ": needs --interval-stats=TIME (how often to write the figures)");
        }
        if (output != null && output.isEmpty()) {
            throw new IllegalArgumentException("--interval-stats-output=: expected a file name, or - for stderr");
        }
        return new LiveOptions(cli.eta, etaInterval, etaNewline, status, intervals, output == null ? STDERR : output);
    }

    private static long time(String flag, String value) {
        try {
            return TimeParsers.parseTimeNanos(value, "s");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    flag + "=" + value + ": " + e.getMessage() + " (a time: 1, 500ms, 2s; seconds unless suffixed)", e);
        }
    }
}
