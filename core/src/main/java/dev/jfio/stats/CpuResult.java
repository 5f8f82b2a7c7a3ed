package dev.jfio.stats;

/** CPU use of a job's thread(s): percentages of the job's runtime, context switches, page faults. */
public record CpuResult(double usrPercent, double sysPercent, long ctx, long majf, long minf) {
    public static final CpuResult EMPTY = new CpuResult(0, 0, 0, 0, 0);
}
