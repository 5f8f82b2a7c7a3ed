package dev.jfio.cli;

import dev.jfio.job.IoOps;
import dev.jfio.job.RwMode;
import dev.jfio.report.Reports;
import dev.jfio.run.CloneProgress;
import dev.jfio.run.CloneProgress.Phase;
import dev.jfio.run.RunProgress;
import java.util.List;
import java.util.Locale;

/**
 * fio's live ETA line (eta.c {@code display_thread_status}):
 * {@code Jobs: 1 (f=1): [R(1)][40.0%][r=412MiB/s][r=105k IOPS][eta 00m:03s]}, with the rate limit
 * after the job count ({@code , 0B/s-400MiB/s}), the run string of every clone's state, rates over
 * the last interval, and the line padded with spaces when it is shorter than the one before (it is
 * rewritten in place after a carriage return).
 *
 * <p>Unlike fio, which shows only {@code Jobs: 1 (f=1)} for the first three seconds, the whole line
 * is shown from the first one. Not thread-safe: the progress thread's.
 */
final class EtaLine {
    private static final char[] NAMES = {'r', 'w', 't'};

    private final long[] previousBytes = new long[IoOps.DATA.length];
    private final long[] previousIos = new long[IoOps.DATA.length];
    private boolean etaGood;
    private int previousLength;

    /**
     * The line for {@code progress} (without the carriage return), with rates since the previous
     * call {@code intervalNanos} ago; null when no job runs or waits to start (fio shows nothing then).
     *
     * @param runNanos time since the run started
     */
    String format(RunProgress progress, long intervalNanos, long runNanos) {
        List<CloneProgress> clones = progress.clones();
        int running = 0;
        int ramping = 0;
        int settingUp = 0;
        int pending = 0;
        int files = 0;
        long rateLimit = 0;
        long iopsLimit = 0;
        for (CloneProgress c : clones) {
            if (c.phase() == Phase.RUNNING) {
                running++;
                files += c.filesOpen();
                rateLimit += c.rateBytes();
                iopsLimit += c.rateIops();
            } else if (c.phase() == Phase.RAMP) {
                running++;
                ramping++;
            } else if (c.phase() == Phase.STARTING) {
                settingUp++;
            } else if (c.phase() == Phase.PENDING) {
                pending++;
            }
        }
        StringBuilder sb = new StringBuilder(128);
        sb.append("Jobs: ").append(running).append(" (f=").append(files).append(')');
        if (rateLimit > 0) {
            sb.append(", ").append(Reports.bytesPerSecond(0)).append('-').append(Reports.bytesPerSecond(rateLimit));
        } else if (iopsLimit > 0) {
            sb.append(", 0-").append(iopsLimit).append(" IOPS");
        }
        long millis = intervalNanos / 1_000_000L;
        long[] kib = new long[NAMES.length];
        long[] iops = new long[NAMES.length];
        for (int d = 0; d < NAMES.length; d++) {
            long db = Math.max(0, progress.bytes()[d] - previousBytes[d]);
            long di = Math.max(0, progress.ios()[d] - previousIos[d]);
            previousBytes[d] = progress.bytes()[d];
            previousIos[d] = progress.ios()[d];
            kib[d] = millis > 0 ? 1000 * db / millis / 1024 : 0;
            iops[d] = millis > 0 ? di * 1000 / millis : 0;
        }
        if (running == 0 && pending == 0) {
            return null;
        }
        if (running > 0) {
            long eta = EtaEstimate.run(clones);
            long elapsed = Math.max(1, EtaEstimate.ceilSeconds(runNanos));
            String perc;
            if ((eta == 0 && !etaGood) || ramping == running || eta == EtaEstimate.UNKNOWN) {
                perc = "-.-%";
            } else {
                double mult = 100.0;
                if (settingUp > 0) {
                    mult *= 1.0 - (double) settingUp / running;
                }
                etaGood = true;
                perc = String.format(Locale.ROOT, "%3.1f%%", mult * elapsed / (elapsed + eta));
            }
            sb.append(": [").append(runString(clones)).append("][").append(perc).append(']');
            rates(sb, kib, iops);
            sb.append("[eta ").append(EtaEstimate.format(eta)).append(']');
            int length = sb.length();
            for (int i = length; i < previousLength; i++) {
                sb.append(' ');
            }
            previousLength = length;
        }
        return sb.toString();
    }

    /** The next line starts on a new line: it needs no padding over the one before. */
    void newLine() {
        previousLength = 0;
    }

    /** "[r=412MiB/s,w=10.6GiB/s][r=105k,w=2769k IOPS]" for the directions that moved; nothing when none did. */
    private static void rates(StringBuilder sb, long[] kib, long[] iops) {
        boolean any = false;
        for (int d = 0; d < NAMES.length; d++) {
            any |= kib[d] != 0 || iops[d] != 0;
        }
        if (!any) {
            return;
        }
        StringBuilder ios = new StringBuilder();
        sb.append('[');
        String sep = "";
        for (int d = 0; d < NAMES.length; d++) {
            if (kib[d] != 0 || iops[d] != 0) {
                sb.append(sep).append(NAMES[d]).append('=').append(Reports.etaRate(kib[d]));
                ios.append(sep).append(NAMES[d]).append('=').append(Reports.etaCount(iops[d]));
                sep = ",";
            }
        }
        sb.append("][").append(ios).append(" IOPS]");
    }

    /** fio's condensed run string: each clone's state letter, runs of one letter counted, "R(1),P(2)". */
    static String runString(List<CloneProgress> clones) {
        StringBuilder sb = new StringBuilder();
        char current = 0;
        int count = 0;
        for (CloneProgress c : clones) {
            char s = letter(c);
            if (s == current) {
                count++;
                continue;
            }
            if (count > 0) {
                sb.append(current).append('(').append(count).append("),");
            }
            current = s;
            count = 1;
        }
        if (count > 0) {
            sb.append(current).append('(').append(count).append(')');
        }
        return sb.toString();
    }

    /** fio's state letter (eta.c check_str_update). */
    static char letter(CloneProgress c) {
        switch (c.phase()) {
            case PENDING:
                return 'P';
            case STARTING:
                return 'I';
            case RAMP:
                return '/';
            case DONE:
                return '_';
            case FAILED:
                return 'X';
            default:
                return runningLetter(c.rw(), c.rwmixread());
        }
    }

    private static char runningLetter(RwMode rw, int rwmixread) {
        char c;
        if (rw.reads() && rw.writes()) {
            c = rwmixread == 100 ? 'r' : rwmixread == 0 ? 'w' : 'm';
        } else if (rw.reads()) {
            c = 'r';
        } else if (rw.writes()) {
            c = 'w';
        } else {
            c = 'd';
        }
        return rw.random() ? c : Character.toUpperCase(c);
    }
}
