package dev.jfio.cli;

import dev.jfio.job.TimeParsers;
import dev.jfio.posix.Posix;
import dev.jfio.report.ReportFormat;
import dev.jfio.report.Reports;
import dev.jfio.run.PreparedRun;
import dev.jfio.stats.RunResult;
import java.io.PrintStream;
import java.util.Set;

/**
 * Live output while jobs run, on a daemon thread: fio's ETA line on stderr (a terminal only,
 * unless --eta=always) and, with --status-interval, the full report every interval.
 */
final class Progress implements Runnable {
    private static final long ETA_INTERVAL_NANOS = 1_000_000_000L;

    private final PreparedRun prepared;
    private final boolean eta;
    private final long statusIntervalNanos;
    private final PrintStream err;
    private final PrintStream report;
    private final Set<ReportFormat> formats;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean etaShown;

    private Progress(
            PreparedRun prepared,
            boolean eta,
            long statusIntervalNanos,
            PrintStream err,
            PrintStream report,
            Set<ReportFormat> formats) {
        this.prepared = prepared;
        this.eta = eta;
        this.statusIntervalNanos = statusIntervalNanos;
        this.err = err;
        this.report = report;
        this.formats = formats;
        this.thread = new Thread(this, "jfio-progress");
        this.thread.setDaemon(true);
    }

    /** Starts the progress thread when there is anything to show; returns a handle to stop it. */
    static Progress start(
            PreparedRun prepared,
            String etaMode,
            String statusInterval,
            PrintStream err,
            PrintStream report,
            Set<ReportFormat> formats) {
        boolean eta;
        switch (etaMode) {
            case "always":
                eta = true;
                break;
            case "never":
                eta = false;
                break;
            case "auto":
                eta = err == System.err && Posix.isatty(2);
                break;
            default:
                throw new IllegalArgumentException("--eta=" + etaMode + ": expected auto, always or never");
        }
        long interval = statusIntervalNanos(statusInterval);
        Progress progress = new Progress(prepared, eta, interval, err, report, formats);
        if (eta || interval > 0) {
            progress.thread.start();
        }
        return progress;
    }

    /**
     * Checks {@code --eta} and {@code --status-interval}, so that a mistake in them fails before
     * anything is written to the report.
     *
     * @throws IllegalArgumentException with a one-line message naming the flag
     */
    static void checkFlags(String etaMode, String statusInterval) {
        if (!etaMode.equals("auto") && !etaMode.equals("always") && !etaMode.equals("never")) {
            throw new IllegalArgumentException("--eta=" + etaMode + ": expected auto, always or never");
        }
        statusIntervalNanos(statusInterval);
    }

    /** {@code --status-interval} in nanoseconds, 0 when it is not given. */
    private static long statusIntervalNanos(String statusInterval) {
        if (statusInterval == null) {
            return 0;
        }
        long interval;
        try {
            interval = TimeParsers.parseTimeNanos(statusInterval, "s");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--status-interval=" + statusInterval + ": " + e.getMessage(), e);
        }
        if (interval < 1_000_000L) {
            throw new IllegalArgumentException("--status-interval=" + statusInterval + ": must be at least 1ms");
        }
        return interval;
    }

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
        if (etaShown) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    @Override
    public void run() {
        EtaLine etaLine = new EtaLine();
        long start = System.nanoTime();
        long nextEta = start + ETA_INTERVAL_NANOS;
        long nextStatus = statusIntervalNanos > 0 ? start + statusIntervalNanos : Long.MAX_VALUE;
        long lastEta = start;
        while (!stopped) {
            long now = System.nanoTime();
            long wake = Math.min(eta ? nextEta : Long.MAX_VALUE, nextStatus);
            if (wake > now) {
                try {
                    Thread.sleep(Math.max(1, (wake - now) / 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            if (eta && now >= nextEta) {
                String line = etaLine.format(prepared.progress(), now - lastEta);
                lastEta = now;
                err.print("\r" + line + "\033[K");
                err.flush();
                etaShown = true;
                nextEta += ETA_INTERVAL_NANOS;
            }
            if (now >= nextStatus) {
                RunResult snapshot = prepared.statusSnapshot();
                if (!stopped) {
                    synchronized (report) {
                        Reports.write(snapshot, formats, report);
                        report.flush();
                    }
                }
                nextStatus += statusIntervalNanos;
            }
        }
    }
}
