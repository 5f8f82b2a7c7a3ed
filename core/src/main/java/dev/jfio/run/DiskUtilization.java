package dev.jfio.run;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoTarget;
import dev.jfio.stats.DiskUtilResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * fio's disk utilisation (diskutil.c): the block devices under the jobs' files, and their slaves,
 * each counted once for the whole run; their sysfs "stat" counters are read when the first job
 * using the device starts and again when the run ends. fio reads them every 250 ms, but every
 * figure it reports is a sum of deltas, so the two readings give the same counts; the elapsed
 * time (util's divisor) runs from the first reading to the last. Diskless engines (null, nbd) have
 * no device. Called from the thread that starts the jobs; not thread-safe.
 */
final class DiskUtilization {
    private final BlockDevices devices;
    private final Map<Path, Disk> disks = new LinkedHashMap<>();

    DiskUtilization(BlockDevices devices) {
        this.devices = devices;
    }

    /** Starts tracking the devices under a starting job's files (fio's init_disk_util). */
    void jobStarting(JobClone clone) {
        if (!clone.spec.reporting().diskUtil() || clone.provider.flags().contains(EngineFlag.DISKLESS)) {
            return;
        }
        for (IoTarget target : clone.targets) {
            trackFile(target.name());
        }
    }

    /** Starts tracking the device under {@code file} and its slaves, unless tracked already. */
    void trackFile(String file) {
        Optional<Path> device = devices.deviceOf(file);
        device.ifPresent(this::track);
    }

    private Disk track(Path dir) {
        Disk known = disks.get(dir);
        if (known != null) {
            return known;
        }
        Optional<long[]> first = read(dir);
        if (first.isEmpty()) {
            return null;
        }
        Disk disk = new Disk(dir, first.get(), System.nanoTime());
        disks.put(dir, disk);
        for (Path slave : devices.slavesOf(dir)) {
            Disk s = track(slave);
            if (s != null && s != disk) {
                disk.slaves.add(s);
            }
        }
        return disk;
    }

    /** Reads every tracked device again and returns fio's figures, a device before its slaves. */
    List<DiskUtilResult> finish() {
        long now = System.nanoTime();
        Map<Disk, long[]> deltas = new LinkedHashMap<>();
        for (Disk disk : disks.values()) {
            long[] last = read(disk.dir).orElse(disk.first);
            long[] d = new long[Stat.FIELDS];
            for (int i = 0; i < Stat.FIELDS; i++) {
                d[i] = last[i] - disk.first[i];
            }
            deltas.put(disk, d);
            disk.millis = (now - disk.startNanos) / 1_000_000L;
        }
        List<DiskUtilResult> results = new ArrayList<>();
        for (Map.Entry<Disk, long[]> e : deltas.entrySet()) {
            Disk disk = e.getKey();
            results.add(result(disk, e.getValue(), aggregate(disk, deltas)));
        }
        return results;
    }

    private static DiskUtilResult result(Disk disk, long[] d, DiskUtilResult.SlaveAggregate slaves) {
        return new DiskUtilResult(
                disk.dir.getFileName().toString(),
                d[Stat.READ_IOS],
                d[Stat.WRITE_IOS],
                d[Stat.READ_MERGES],
                d[Stat.WRITE_MERGES],
                d[Stat.READ_TICKS],
                d[Stat.WRITE_TICKS],
                d[Stat.TIME_IN_QUEUE],
                util(d[Stat.IO_TICKS], disk.millis),
                slaves);
    }

    /** fio's aggregate_slaves_stats: counters averaged (integer division), util the highest. */
    private static DiskUtilResult.SlaveAggregate aggregate(Disk disk, Map<Disk, long[]> deltas) {
        int n = disk.slaves.size();
        if (n == 0) {
            return null;
        }
        long[] sum = new long[Stat.FIELDS];
        double maxUtil = 0;
        for (Disk slave : disk.slaves) {
            long[] d = deltas.get(slave);
            for (int i = 0; i < Stat.FIELDS; i++) {
                sum[i] += d[i];
            }
            maxUtil = Math.max(maxUtil, slave.millis == 0 ? 0 : 100.0 * d[Stat.IO_TICKS] / slave.millis);
        }
        return new DiskUtilResult.SlaveAggregate(
                sum[Stat.READ_IOS] / n,
                sum[Stat.WRITE_IOS] / n,
                sum[Stat.READ_MERGES] / n,
                sum[Stat.WRITE_MERGES] / n,
                sum[Stat.READ_TICKS] / n,
                sum[Stat.WRITE_TICKS] / n,
                sum[Stat.TIME_IN_QUEUE] / n,
                Math.min(100.0, maxUtil));
    }

    private static double util(long ioTicks, long millis) {
        return millis == 0 ? 0 : Math.min(100.0, 100.0 * ioTicks / millis);
    }

    /** The first line of the device's sysfs "stat", or empty when it cannot be read. */
    private static Optional<long[]> read(Path dir) {
        try {
            return Stat.parse(Files.readString(dir.resolve("stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A tracked device: its first reading and the slaves it is built on. */
    private static final class Disk {
        final Path dir;
        final long[] first;
        final long startNanos;
        final List<Disk> slaves = new ArrayList<>();
        long millis;

        Disk(Path dir, long[] first, long startNanos) {
            this.dir = dir;
            this.first = first;
            this.startNanos = startNanos;
        }
    }

    /** The kernel's block/stat fields (Documentation/block/stat.rst), in their order. */
    static final class Stat {
        static final int READ_IOS = 0;
        static final int READ_MERGES = 1;
        static final int READ_TICKS = 3;
        static final int WRITE_IOS = 4;
        static final int WRITE_MERGES = 5;
        static final int WRITE_TICKS = 7;
        static final int IO_TICKS = 9;
        static final int TIME_IN_QUEUE = 10;
        static final int FIELDS = 11;

        private Stat() {}

        /** The first eleven fields, as fio's get_io_ticks reads them; empty when fewer. */
        static Optional<long[]> parse(String text) {
            String[] words = text.trim().split("\\s+");
            if (words.length < FIELDS) {
                return Optional.empty();
            }
            long[] v = new long[FIELDS];
            try {
                for (int i = 0; i < FIELDS; i++) {
                    v[i] = Long.parseLong(words[i]);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return Optional.of(v);
        }
    }
}
