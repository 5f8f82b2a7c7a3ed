package dev.jfio.cli;

import dev.jfio.posix.Posix;
import dev.jfio.report.IntervalLines;
import dev.jfio.report.ReportFormat;
import dev.jfio.report.Reports;
import dev.jfio.run.IntervalCollector;
import dev.jfio.run.PreparedRun;
import dev.jfio.stats.IntervalResult;
import dev.jfio.stats.RunResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * Live output while jobs run, on a daemon thread: fio's ETA line on stderr (a terminal only,
 * unless --eta=always), fio's cumulative report every --status-interval, and jfio's per-interval
 * figures every --interval-stats. Every write to stderr comes from this thread while it runs.
 */
final class Progress implements Runnable {
    /** The longest the progress thread waits for the job threads to hand over an interval. */
    private static final long MAX_INTERVAL_WAIT_NANOS = 1_000_000_000L;

    private final PreparedRun prepared;
    private final LiveOptions options;
    private final boolean eta;
    private final PrintStream err;
    private final PrintStream report;
    private final Set<ReportFormat> formats;
    /** Null without --interval-stats. */
    private final IntervalCollector intervals;
    /** Where the interval figures go; null without --interval-stats. */
    private final PrintStream intervalOut;

    private final Thread thread;
    private final EtaLine etaLine = new EtaLine();
    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private volatile boolean stopped;
    /** An ETA line is on stderr without its newline. */
    private boolean etaShown;

    private Progress(
            PreparedRun prepared,
            LiveOptions options,
            boolean eta,
            PrintStream err,
            PrintStream report,
            Set<ReportFormat> formats,
            PrintStream intervalOut) {
        this.prepared = prepared;
        this.options = options;
        this.eta = eta;
        this.err = err;
        this.report = report;
        this.formats = formats;
        this.intervals = options.intervalStatsNanos() > 0 ? prepared.keepIntervals() : null;
        this.intervalOut = intervalOut;
        this.thread = new Thread(this, "jfio-progress");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the progress thread when there is anything to show, before the run starts; returns a
     * handle to stop it.
     *
     * @param intervalOut where --interval-stats writes (stderr or its file); unused without it
     */
    static Progress start(
            PreparedRun prepared,
            LiveOptions options,
            PrintStream err,
            PrintStream report,
            Set<ReportFormat> formats,
            PrintStream intervalOut) {
        boolean eta;
        switch (options.eta()) {
            case "always":
                eta = true;
                break;
            case "never":
                eta = false;
                break;
            default:
                eta = err == System.err && Posix.isatty(2);
                break;
        }
        Progress progress = new Progress(prepared, options, eta, err, report, formats, intervalOut);
        if (eta || options.statusIntervalNanos() > 0 || progress.intervals != null) {
            progress.thread.start();
        }
        return progress;
    }

    /**
     * Stops the thread once the run is over, writes the last interval of every job (with
     * --interval-stats) and ends the ETA line, as fio leaves its last one on the screen.
     */
    void stop() {
        stopped = true;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (intervals != null && !thread.isAlive()) {
            writeIntervals(intervals.takeLast());
        }
        if (etaShown) {
            err.print('\n');
            err.flush();
            etaShown = false;
        }
    }

    @Override
    public void run() {
        long nextEta = eta ? startNanos + options.etaIntervalNanos() : Long.MAX_VALUE;
        long nextStatus = after(options.statusIntervalNanos());
        long nextIntervals = after(options.intervalStatsNanos());
        long lastEta = startNanos;
        long lastNewline = startNanos;
        boolean newlinePending = false;
        while (!stopped) {
            long now = System.nanoTime();
            long wake = Math.min(nextEta, Math.min(nextStatus, nextIntervals));
            if (wake - now > 0) {
                try {
                    Thread.sleep(Math.max(1, (wake - now) / 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (now - nextIntervals >= 0) {
                List<IntervalResult> lines =
                        intervals.take(Math.min(MAX_INTERVAL_WAIT_NANOS, options.intervalStatsNanos() / 2));
                if (!stopped) {
                    writeIntervals(lines);
                }
                nextIntervals = next(nextIntervals, options.intervalStatsNanos(), System.nanoTime());
            }
            if (now - nextEta >= 0) {
                String line = etaLine.format(prepared.progress(), now - lastEta, now - startNanos);
                lastEta = now;
                if (line != null) {
                    if (newlinePending) {
                        err.print('\n');
                        newlinePending = false;
                    }
                    err.print(line + "\r");
                    err.flush();
                    etaShown = true;
                }
                if (options.etaNewlineNanos() > 0 && now - lastNewline > options.etaNewlineNanos()) {
                    lastNewline = now;
                    newlinePending = true;
                    etaLine.newLine();
                }
                nextEta = next(nextEta, options.etaIntervalNanos(), now);
            }
            if (now - nextStatus >= 0) {
                RunResult snapshot = prepared.statusSnapshot();
                if (!stopped) {
                    synchronized (report) {
                        Reports.write(snapshot, formats, report);
                        report.flush();
                    }
                }
                nextStatus = next(nextStatus, options.statusIntervalNanos(), System.nanoTime());
            }
        }
    }

    private long after(long interval) {
        return interval > 0 ? startNanos + interval : Long.MAX_VALUE;
    }

    /** The next tick after {@code due}; ticks missed while busy are skipped rather than bunched. */
    private static long next(long due, long interval, long now) {
        long next = due + interval;
        if (now - next >= 0) {
            next = now + interval - (now - due) % interval;
        }
        return next;
    }

    private void writeIntervals(List<IntervalResult> results) {
        if (results.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (IntervalResult r : results) {
            sb.append(IntervalLines.json(r, startNanos, startEpochMillis)).append('\n');
        }
        if (intervalOut == err && etaShown) { // the JSON lines start on a line of their own
            err.print('\n');
            etaShown = false;
            etaLine.newLine();
        }
        intervalOut.print(sb);
        intervalOut.flush();
    }
}
