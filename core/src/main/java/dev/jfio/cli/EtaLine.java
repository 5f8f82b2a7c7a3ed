package dev.jfio.cli;

import dev.jfio.job.IoOps;
import dev.jfio.report.Reports;
import dev.jfio.run.RunProgress;
import java.util.Locale;

/** fio's live ETA line: "Jobs: 1: [42.0%][r=16.0MiB/s][r=4096 IOPS]", rates over the last interval. */
final class EtaLine {
    private static final String[] NAMES = {"r", "w", "t"};

    private final long[] previousBytes = new long[IoOps.DATA.length];
    private final long[] previousIos = new long[IoOps.DATA.length];

    /** The line for {@code progress}, with rates since the previous call, {@code intervalNanos} ago. */
    String format(RunProgress progress, long intervalNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append("Jobs: ").append(progress.running()).append(": [");
        boolean first = true;
        StringBuilder bw = new StringBuilder();
        StringBuilder iops = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            long db = progress.bytes()[i] - previousBytes[i];
            long di = progress.ios()[i] - previousIos[i];
            previousBytes[i] = progress.bytes()[i];
            previousIos[i] = progress.ios()[i];
            if (db == 0 && di == 0) {
                continue;
            }
            double seconds = intervalNanos / 1e9;
            bw.append(first ? "" : ",")
                    .append(NAMES[i])
                    .append('=')
                    .append(Reports.bytes((long) (db / seconds)))
                    .append("/s");
            iops.append(first ? "" : ",").append(NAMES[i]).append('=').append(Math.round(di / seconds));
            first = false;
        }
        sb.append(String.format(Locale.ROOT, "%.1f%%", progress.fraction() * 100))
                .append("][")
                .append(bw.length() == 0 ? "-" : bw)
                .append("][")
                .append(iops.length() == 0 ? "-" : iops)
                .append(" IOPS]");
        return sb.toString();
    }
}
