package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoTarget;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses, before anything runs, job clones that would fail verify for no fault of the storage:
 * a clone that checks what it reads back, and another clone that writes at the same time to an
 * overlapping region of the same target (one file, one block device, one NBD export, the
 * embedded server's included). fio runs such jobs, warns that "multiple writers may overwrite
 * blocks that belong to other jobs" and fails every one of them in verify; jfio refuses them with
 * one line that says how to give each its own region ({@code offset_increment} and {@code size}
 * for the clones of one job, {@code offset} or {@code stonewall} for another job).
 *
 * <p>Targets are the same when their files are (paths resolved) or, for an engine without files,
 * when their names are the same URI: other names (such as {@code null} or a third-party
 * engine's label) may stand for storage private to each clone. Main thread, during prepare.
 */
final class SharedTargetRegions {
    private static final long KIB = 1024;

    /** What one clone does to its targets: which they are, and whether it writes or verifies. */
    private record Claim(JobClone job, int epoch, String[] keys, boolean writes, boolean verifies) {}

    private final List<Claim> claims = new ArrayList<>();

    /**
     * Records the laid-out clone, after checking it against those recorded before.
     *
     * @param epoch the number of stonewalls before the clone's job: clones of different epochs
     *              never run at the same time
     * @throws SetupFailedException when the clone and an earlier one would overwrite blocks that
     *                              one of them verifies
     */
    void claim(JobClone clone, int epoch) {
        JobSpec spec = clone.spec;
        boolean files = !clone.provider.flags().contains(EngineFlag.DISKLESS);
        String[] keys = new String[clone.targets.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(clone.targets.get(i), files);
        }
        boolean writesBlocks = spec.rw().writes() && !spec.verify().only();
        boolean writes = writesBlocks || spec.rw().trims();
        boolean verifies = spec.verify().mode() != null
                && (!writesBlocks || spec.verify().doVerify() || spec.verify().backlog() > 0);
        Claim claim = new Claim(clone, epoch, keys, writes, verifies);
        for (Claim earlier : claims) {
            check(claim, earlier);
        }
        claims.add(claim);
    }

    private void check(Claim later, Claim earlier) {
        if (later.epoch != earlier.epoch || !(later.verifies && earlier.writes || earlier.verifies && later.writes)) {
            return;
        }
        String waitFor = later.job.spec.waitFor();
        if (waitFor != null && waitFor.equals(earlier.job.spec.name())) {
            return;
        }
        for (int i = 0; i < later.keys.length; i++) {
            for (int j = 0; j < earlier.keys.length; j++) {
                if (later.keys[i] != null
                        && later.keys[i].equals(earlier.keys[j])
                        && overlap(later.job, i, earlier.job, j)) {
                    throw new SetupFailedException(
                            later.job.spec == earlier.job.spec
                                    ? clonesOverlap(later.job, i, earlier.job, j)
                                    : jobsOverlap(later, i, earlier, j));
                }
            }
        }
    }

    private static boolean overlap(JobClone a, int i, JobClone b, int j) {
        long aEnd = a.regionStart[i] + a.regionLength[i];
        long bEnd = b.regionStart[j] + b.regionLength[j];
        return a.regionStart[i] < bEnd && b.regionStart[j] < aEnd;
    }

    /** The clones of one job (numjobs): the remedy is offset_increment, with a smaller size or not. */
    private String clonesOverlap(JobClone later, int i, JobClone earlier, int j) {
        JobSpec spec = later.spec;
        IoTarget target = later.targets.get(i);
        int n = spec.numjobs();
        long length = later.regionLength[i];
        long increment = (later.regionStart[i] - earlier.regionStart[j]) / (later.cloneIndex - earlier.cloneIndex);
        long base = later.regionStart[i] - later.cloneIndex * increment;
        List<String> remedies = new ArrayList<>();
        long share = length / n / spec.minBlockSize() * spec.minBlockSize();
        if (share >= spec.maxBlockSize()) {
            remedies.add("size=" + size(share * later.targets.size()) + " offset_increment=" + size(share) + " (" + n
                    + " x " + size(share) + " in the same " + size(length) + ")");
        }
        if (!target.hasFixedSize() || base + n * length <= target.size()) {
            remedies.add("offset_increment=" + size(length) + " (" + n + " x " + size(length) + ")");
        }
        String remedy = remedies.isEmpty()
                ? "lower numjobs, or use a target larger than " + size(target.size())
                : "give each clone its own region: " + String.join(", or ", remedies);
        return spec.name() + ": numjobs=" + n + " clones verify what they write to "
                + target + " in overlapping regions (each " + size(length) + ", offset_increment="
                + size(increment) + ") and would overwrite each other's blocks; " + remedy;
    }

    /** Two jobs: the later one moves past the earlier one's region, or waits for it. */
    private String jobsOverlap(Claim later, int i, Claim earlier, int j) {
        JobClone l = later.job;
        JobClone e = earlier.job;
        IoTarget target = l.targets.get(i);
        String other = "'" + e.spec.name() + "'";
        String what = later.verifies && earlier.writes
                ? "verifies " + range(l, i) + " of " + target + " while job " + other + " writes " + range(e, j)
                        + " of it, which would overwrite blocks '" + l.spec.name() + "' checks"
                : "writes " + range(l, i) + " of " + target + " while job " + other + " verifies " + range(e, j)
                        + " of it, and would overwrite blocks " + other + " checks";
        long end = 0;
        for (Claim c : claims) {
            if (c.job.spec == e.spec) {
                for (int k = 0; k < c.keys.length; k++) {
                    if (earlier.keys[j].equals(c.keys[k])) {
                        end = Math.max(end, c.job.regionStart[k] + c.job.regionLength[k]);
                    }
                }
            }
        }
        long unit = l.spec.minBlockSize();
        long offset = (end + unit - 1) / unit * unit;
        long span =
                l.regionLength[i] + (l.spec.numjobs() - 1L) * l.spec.region().offsetIncrement();
        String move = !target.hasFixedSize() || offset + span <= target.size()
                ? "give '" + l.spec.name() + "' offset=" + size(offset) + ", or "
                : "";
        return l.spec.name() + ": " + what + "; " + move + "run it after " + other + " (stonewall, or wait_for="
                + e.spec.name() + ")";
    }

    private static String range(JobClone clone, int i) {
        return size(clone.regionStart[i]) + "-" + size(clone.regionStart[i] + clone.regionLength[i]);
    }

    /** A byte count as a job option takes it: "2m", "16k", "4100". */
    static String size(long bytes) {
        String[] suffixes = {"", "k", "m", "g", "t"};
        int s = 0;
        long v = bytes;
        while (v != 0 && v % KIB == 0 && s < suffixes.length - 1) {
            v /= KIB;
            s++;
        }
        return v + suffixes[s];
    }

    /** The target's identity: its file's path, resolved; an engine's URI; null when it names nothing shared. */
    private static String key(IoTarget target, boolean files) {
        String name = target.name();
        if (!files) {
            return name.contains("://") ? name : null;
        }
        try {
            Path path = Path.of(name).toAbsolutePath().normalize();
            try {
                return path.toRealPath().toString();
            } catch (IOException e) {
                return path.toString();
            }
        } catch (InvalidPathException e) {
            return name;
        }
    }
}
