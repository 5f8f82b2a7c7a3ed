package dev.jfio.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code jfio compare} reads of one job of a fio or jfio JSON report: per direction IOPS,
 * bandwidth and clat percentiles, and CPU use. Immutable.
 *
 * @param name     the job's name
 * @param engine   the engine ("ioengine" job option), or empty when the report does not say
 * @param dirs     the directions that did I/O, in read, write, trim order
 * @param usrCpu   user CPU, percent
 * @param sysCpu   system CPU, percent
 */
public record JobSummary(String name, String engine, List<Direction> dirs, double usrCpu, double sysCpu) {
    /** Percentiles {@code jfio compare} shows, as fio's JSON keys them. */
    public static final String[] PERCENTILES = {"50.000000", "99.000000", "99.900000"};

    /**
     * One direction.
     *
     * @param name          read, write or trim
     * @param iops          the headline IOPS (total / runtime)
     * @param bwBytes       bandwidth, bytes per second
     * @param clatPercentiles clat at {@link #PERCENTILES} in nanoseconds, NaN where missing
     */
    public record Direction(String name, double iops, double bwBytes, double[] clatPercentiles) {}

    /**
     * Reads job {@code job} of a parsed report.
     *
     * @throws IllegalArgumentException when the report is not fio's JSON
     */
    @SuppressWarnings("unchecked")
    public static JobSummary of(Map<String, Object> job) {
        String name = String.valueOf(job.get("jobname"));
        Object opts = job.get("job options");
        String engine = "";
        if (opts instanceof Map && ((Map<String, Object>) opts).get("ioengine") != null) {
            engine = String.valueOf(((Map<String, Object>) opts).get("ioengine"));
        }
        List<Direction> dirs = new ArrayList<>();
        for (String d : new String[] {"read", "write", "trim"}) {
            Object o = job.get(d);
            if (!(o instanceof Map)) {
                continue;
            }
            Map<String, Object> dir = (Map<String, Object>) o;
            double ios = number(dir.get("total_ios"));
            double bytes = number(dir.get("io_bytes"));
            if (!(ios > 0) && !(bytes > 0)) {
                continue;
            }
            double[] pct = new double[PERCENTILES.length];
            java.util.Arrays.fill(pct, Double.NaN);
            Object clat = dir.get("clat_ns");
            if (clat instanceof Map && ((Map<String, Object>) clat).get("percentile") instanceof Map) {
                Map<String, Object> p = (Map<String, Object>) ((Map<String, Object>) clat).get("percentile");
                for (int i = 0; i < PERCENTILES.length; i++) {
                    pct[i] = number(p.get(PERCENTILES[i]));
                }
            }
            double bw = dir.get("bw_bytes") != null ? number(dir.get("bw_bytes")) : number(dir.get("bw")) * 1024;
            dirs.add(new Direction(d, number(dir.get("iops")), bw, pct));
        }
        return new JobSummary(name, engine, List.copyOf(dirs), number(job.get("usr_cpu")), number(job.get("sys_cpu")));
    }

    /** The direction named {@code name}, or null. */
    public Direction direction(String name) {
        for (Direction d : dirs) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static double number(Object o) {
        return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
    }
}
