package dev.jfio.report;

import dev.jfio.stats.RunResult;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Set;

/**
 * Writes a finished run in fio's report formats. Output matches fio 3.33 line for line (normal,
 * terse versions 2 to 5) and key for key (json, json+), whatever the default locale; dates use the
 * system time zone with English names.
 *
 * <p>Stateless; every method may be called from any thread. A {@link RunResult} must not change
 * while it is being written.
 */
public final class Reports {

    private Reports() {}

    /**
     * Writes every format in {@code formats} to {@code out} in fio's order: terse, then json (json+
     * when {@link ReportFormat#JSON_PLUS} is among them: one document with "bins"), then normal.
     * The normal report starts with fio's blank line and ends after the group summaries; the
     * header, version and "Starting" lines that fio prints before the run are the caller's
     * ({@link #headerLine}, {@link #startingLine}).
     */
    public static void write(RunResult run, Set<ReportFormat> formats, PrintStream out) {
        write(run, formats, TerseReport.DEFAULT_VERSION, out);
    }

    /**
     * As {@link #write(RunResult, Set, PrintStream)}, with terse lines in fio's {@code
     * --terse-version} {@code terseVersion} (2, 3, 4 or 5).
     *
     * @throws IllegalArgumentException if {@code terseVersion} is not 2 to 5 (see {@link #checkTerseVersion})
     */
    public static void write(RunResult run, Set<ReportFormat> formats, int terseVersion, PrintStream out) {
        out.print(render(run, formats, terseVersion, ZoneId.systemDefault()));
        out.flush();
    }

    /** {@link #write} into a string, with dates in {@code zone}. */
    static String render(RunResult run, Set<ReportFormat> formats, ZoneId zone) {
        return render(run, formats, TerseReport.DEFAULT_VERSION, zone);
    }

    /** {@link #write} into a string, terse lines in {@code terseVersion}, with dates in {@code zone}. */
    static String render(RunResult run, Set<ReportFormat> formats, int terseVersion, ZoneId zone) {
        StringBuilder sb = new StringBuilder(8192);
        if (formats.contains(ReportFormat.TERSE)) {
            TerseReport.write(run, terseVersion, sb);
        }
        if (formats.contains(ReportFormat.JSON) || formats.contains(ReportFormat.JSON_PLUS)) {
            JsonReport.write(run, formats.contains(ReportFormat.JSON_PLUS), zone, sb);
        }
        if (formats.contains(ReportFormat.NORMAL)) {
            NormalReport.write(run, zone, sb);
        }
        return sb.toString();
    }

    /**
     * Checks a {@code --terse-version} value as fio does (2, 3, 4 or 5).
     *
     * @return the version
     * @throws IllegalArgumentException with fio's message otherwise
     */
    public static int checkTerseVersion(String value) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            v = 0;
        }
        if (v < 2 || v > 5) {
            throw new IllegalArgumentException(
                    "bad terse version format: --terse-version=" + value + " (accepted: 2, 3, 4, 5)");
        }
        return v;
    }

    /**
     * fio's per-job line before the run, e.g.
     * {@code job0: (g=0): rw=randrw, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=nbd, iodepth=16}.
     */
    public static String headerLine(String jobName, int groupId, String rw, String bs, String ioengine, int iodepth) {
        return jobName + ": (g=" + groupId + "): rw=" + rw + ", bs=" + bs + ", ioengine=" + ioengine + ", iodepth="
                + iodepth;
    }

    /**
     * fio's block-size text for the header, per direction: {@code (R) 4096B-4096B, (W) 64.0KiB-64.0KiB, ...}.
     *
     * @param min the smallest block size of read, write and trim
     * @param max the largest block size of read, write and trim
     */
    public static String blockSizes(int[] min, int[] max) {
        String[] letters = {"R", "W", "T"};
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < letters.length; d++) {
            if (d > 0) {
                sb.append(", ");
            }
            sb.append('(')
                    .append(letters[d])
                    .append(") ")
                    .append(bytes(min[d]))
                    .append('-')
                    .append(bytes(max[d]));
        }
        return sb.toString();
    }

    /** A byte count as fio shortens it in headers and progress lines: "4096B", "64.0KiB", "461MiB". */
    public static String bytes(long bytes) {
        return Num2Str.format(bytes, Num2Str.SIG_FIGS, 1, true, Num2Str.Unit.BYTE);
    }

    /** fio's rate on its ETA line, from KiB/s: num2str(kib, 4, 1024, pow2, B/s), as "10.5GiB/s". */
    public static String etaRate(long kibPerSecond) {
        return Num2Str.format(kibPerSecond, Num2Str.SIG_FIGS, 1024, true, Num2Str.Unit.BYTEPERSEC);
    }

    /** fio's IOPS on its ETA line: num2str(n, 4, 1, decimal, none), as "2757k". */
    public static String etaCount(long n) {
        return Num2Str.format(n, Num2Str.SIG_FIGS, 1, false, Num2Str.Unit.NONE);
    }

    /** A rate limit on fio's ETA line, from bytes per second: "400MiB/s", "0B/s". */
    public static String bytesPerSecond(long bytesPerSecond) {
        return Num2Str.format(bytesPerSecond, Num2Str.SIG_FIGS, 1, true, Num2Str.Unit.BYTEPERSEC);
    }

    /** A bandwidth in decimal units, as fio's normal report puts it in parentheses: "484MB/s". */
    public static String bytesPerSecondDecimal(long bytesPerSecond) {
        return Num2Str.format(bytesPerSecond, Num2Str.SIG_FIGS, 1, false, Num2Str.Unit.BYTEPERSEC);
    }

    /** fio's "Starting N processes" as jfio runs jobs: "Starting 1 thread", "Starting 2 threads". */
    public static String startingLine(int jobs) {
        return "Starting " + jobs + (jobs == 1 ? " thread" : " threads");
    }
}
