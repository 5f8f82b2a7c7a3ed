package dev.jfio.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * fio's log files next to a JSON report ({@code PREFIX_bw.N.log}, {@code PREFIX_iops.N.log},
 * {@code PREFIX_clat.N.log}; fio's HOWTO "Log File Formats": {@code time, value, ddir, bs,
 * offset[, prio]}, time in ms, bandwidth in KiB/s, latency in ns), turned into the report's time
 * series: per second (coarser when a run is long, at most {@link #MAX_POINTS} points) and per
 * direction, the mean IOPS and bandwidth of the log's samples, and percentiles of the clat log's
 * values. Stateless.
 */
final class FioLogs {
    static final int MAX_POINTS = 2000;
    private static final String[] DIRS = {"read", "write", "trim"};

    private FioLogs() {}

    /**
     * The series of fio's logs for a job, or null when there are none.
     *
     * @param dir the JSON report's directory
     * @param prefix the log prefix (write_*_log's value, else the job's name)
     * @param number fio's job number N, or 0 for every N (a group-reported job)
     */
    static Map<String, Object> series(Path dir, String prefix, int number) throws IOException {
        List<double[]> iops = read(dir, prefix + "_iops", number);
        List<double[]> bw = read(dir, prefix + "_bw", number);
        List<double[]> clat = read(dir, prefix + "_clat", number);
        if (iops.isEmpty() && bw.isEmpty() && clat.isEmpty()) {
            return null;
        }
        long lastMs = 0;
        for (List<double[]> log : List.of(iops, bw, clat)) {
            for (double[] row : log) {
                lastMs = Math.max(lastMs, (long) row[0]);
            }
        }
        long step = 1000;
        while (lastMs / step + 1 > MAX_POINTS) {
            step *= 2;
        }
        int n = (int) (lastMs / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * step / 1000.0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", "fio's log files (" + prefix + "_*.log)");
        out.put("t", t);
        for (int d = 0; d < DIRS.length; d++) {
            Map<String, Object> cols = new LinkedHashMap<>();
            double[] iopsCol = sums(iops, d, step, n, 1);
            double[] bwCol = sums(bw, d, step, n, 1024);
            if (iopsCol != null) {
                cols.put("iops", iopsCol);
            }
            if (bwCol != null) {
                cols.put("bw", bwCol);
            }
            percentiles(clat, d, step, n, cols);
            if (!cols.isEmpty()) {
                out.put(DIRS[d], cols);
            }
        }
        return out;
    }

    /** Rows of every matching log file: {time ms, value, ddir, index of the file}. */
    private static List<double[]> read(Path dir, String base, int number) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (number > 0) {
            Path p = dir.resolve(base + "." + number + ".log");
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        } else {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob(base) + ".*.log")) {
                ds.forEach(files::add);
            }
        }
        for (int file = 0; file < files.size(); file++) {
            Path p = files.get(file);
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (f.length < 3) {
                    continue;
                }
                try {
                    rows.add(new double[] {
                        Double.parseDouble(f[0].trim()),
                        Double.parseDouble(f[1].trim()),
                        Double.parseDouble(f[2].trim()),
                        file
                    });
                } catch (NumberFormatException e) {
                    throw new IOException(p + ": not a fio log line: " + line);
                }
            }
        }
        return rows;
    }

    private static String glob(String s) {
        return s.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /**
     * Per point, the mean of each file's samples in it, summed over the files: each file is one
     * job's, and a group-reported job's rate is the sum of its jobs' rates.
     */
    private static double[] sums(List<double[]> rows, int ddir, long step, int n, double scale) {
        int files = 0;
        for (double[] r : rows) {
            files = Math.max(files, (int) r[3] + 1);
        }
        double[] sum = new double[n * files];
        long[] count = new long[n * files];
        boolean any = false;
        for (double[] r : rows) {
            if ((int) r[2] != ddir) {
                continue;
            }
            int i = (int) ((long) r[0] / step) * files + (int) r[3];
            sum[i] += r[1] * scale;
            count[i]++;
            any = true;
        }
        if (!any) {
            return null;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            boolean seen = false;
            for (int f = 0; f < files; f++) {
                int k = i * files + f;
                if (count[k] > 0) {
                    out[i] += sum[k] / count[k];
                    seen = true;
                }
            }
            out[i] = seen ? out[i] : Double.NaN;
        }
        return out;
    }

    private static void percentiles(List<double[]> rows, int ddir, long step, int n, Map<String, Object> cols) {
        TreeMap<Integer, List<Double>> byPoint = new TreeMap<>();
        for (double[] r : rows) {
            if ((int) r[2] == ddir) {
                byPoint.computeIfAbsent((int) ((long) r[0] / step), k -> new ArrayList<>())
                        .add(r[1]);
            }
        }
        if (byPoint.isEmpty()) {
            return;
        }
        String[] names = {"p50", "p90", "p99", "p99.9", "max"};
        double[] ps = {50, 90, 99, 99.9, 100};
        double[][] out = new double[names.length][n];
        for (double[] col : out) {
            Arrays.fill(col, Double.NaN);
        }
        for (Map.Entry<Integer, List<Double>> e : byPoint.entrySet()) {
            double[] v = e.getValue().stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            for (int k = 0; k < ps.length; k++) {
                int idx = (int) Math.ceil(ps[k] / 100 * v.length) - 1;
                out[k][e.getKey()] = v[Math.max(0, Math.min(v.length - 1, idx))];
            }
        }
        for (int k = 0; k < names.length; k++) {
            cols.put(names[k], out[k]);
        }
    }
}
