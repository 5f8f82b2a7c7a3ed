package dev.jfio.stats;

/**
 * fio's {@code --idle-prof} figures: the share of CPU time that was idle while the jobs ran.
 *
 * @param system percentage for the whole system
 * @param perCpu percentage per CPU, in CPU order; null unless {@code --idle-prof=percpu}
 */
public record CpuIdleness(double system, double[] perCpu) {
    public CpuIdleness {
        perCpu = perCpu == null ? null : perCpu.clone();
    }

    @Override
    public double[] perCpu() {
        return perCpu == null ? null : perCpu.clone();
    }
}
