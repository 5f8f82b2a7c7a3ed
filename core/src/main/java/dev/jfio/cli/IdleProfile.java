package dev.jfio.cli;

import dev.jfio.stats.CpuIdleness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --idle-prof=system|percpu}: how idle the CPUs were while the jobs ran, from the kernel's
 * own accounting in /proc/stat (idle and iowait time over all time, per CPU and in total), read
 * before the jobs start and after they end. fio measures the same share by running a calibrated
 * busy loop per CPU at SCHED_IDLE priority and counting the work it got done; jfio has no such
 * loop, so it reports no "unit work" and refuses {@code calibrate}. Used by the thread running
 * {@link Main}.
 */
final class IdleProfile {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final boolean perCpu;
    private final Path source;
    private final List<long[]> first;

    private IdleProfile(boolean perCpu, Path source, List<long[]> first) {
        this.perCpu = perCpu;
        this.source = source;
        this.first = first;
    }

    /**
     * Checks the mode as fio does and takes the first reading; null when {@code mode} is null.
     *
     * @throws IllegalArgumentException for {@code calibrate}, an unknown mode or an unreadable /proc/stat
     */
    static IdleProfile start(String mode) {
        return start(mode, PROC_STAT);
    }

    static IdleProfile start(String mode, Path source) {
        if (mode == null) {
            return null;
        }
        if (mode.equals("calibrate")) {
            throw new IllegalArgumentException("--idle-prof=calibrate is not supported: fio calibrates a busy loop"
                    + " that it runs per CPU at SCHED_IDLE priority; jfio reads idleness from /proc/stat instead"
                    + " (use system or percpu)");
        }
        if (!mode.equals("system") && !mode.equals("percpu")) {
            throw new IllegalArgumentException(
                    "incorrect idle-prof option: --idle-prof=" + mode + " (accepted: system, percpu)");
        }
        return new IdleProfile(mode.equals("percpu"), source, read(source));
    }

    /** The idleness since {@link #start}: system-wide, and per CPU for {@code percpu}. */
    CpuIdleness finish() {
        List<long[]> last = read(source);
        double system = idle(first.get(0), last.get(0));
        double[] cpus = null;
        if (perCpu) {
            int n = Math.min(first.size(), last.size()) - 1;
            cpus = new double[n];
            for (int i = 0; i < n; i++) {
                cpus[i] = idle(first.get(i + 1), last.get(i + 1));
            }
        }
        return new CpuIdleness(system, cpus);
    }

    /** Idle share of the time between two readings of one line: [idle + iowait, total]. */
    private static double idle(long[] a, long[] b) {
        long total = b[1] - a[1];
        return total <= 0 ? 100.0 : Math.min(100.0, 100.0 * (b[0] - a[0]) / total);
    }

    /** The "cpu" line, then each "cpuN" line, as [idle + iowait, user..steal summed]. */
    private static List<long[]> read(Path source) {
        List<long[]> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(source)) {
                if (!line.startsWith("cpu")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                    total += Long.parseLong(f[i]); // user nice system idle iowait irq softirq steal
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                lines.add(new long[] {idle, total});
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--idle-prof: cannot read " + source + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--idle-prof: " + source + " has no cpu lines");
        }
        return lines;
    }
}
