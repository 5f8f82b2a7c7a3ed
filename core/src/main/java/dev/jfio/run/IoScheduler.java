package dev.jfio.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * fio's {@code ioscheduler}: writes the scheduler's name to {@code queue/scheduler} of the block
 * device a file or device is on, then reads it back to check it took. Main thread, while jobs are
 * set up.
 */
final class IoScheduler {
    private IoScheduler() {}

    /**
     * Sets {@code scheduler} on the device under {@code target}.
     *
     * @return a notice to print (the device's scheduler is not tunable), or null
     * @throws SetupFailedException when the target is on no block device, or the scheduler did not take
     */
    static String set(String job, Path target, String scheduler) {
        Path device = deviceDirectory(job, target, scheduler);
        Path file = device.resolve("queue/scheduler");
        if (!Files.exists(file)) {
            return "ioscheduler: the kernel does not support I/O scheduler switching for " + device.getFileName();
        }
        String now;
        try {
            Files.writeString(file, scheduler);
            now = Files.readString(file).strip();
        } catch (IOException e) {
            throw new SetupFailedException(
                    job + ": ioscheduler=" + scheduler + ": cannot set the scheduler in " + file + ": "
                            + JobClone.message(e),
                    e);
        }
        if (now.equals("none")) {
            return "ioscheduler: the I/O scheduler of " + device.getFileName() + " is not tunable";
        }
        if (!now.contains("[" + scheduler + "]")) {
            throw new SetupFailedException(job + ": unable to set io scheduler to " + scheduler + " on "
                    + device.getFileName() + " (it offers: " + now + ")");
        }
        return null;
    }

    /** /sys/dev/block/MAJ:MIN of the whole disk under {@code target} (a partition's parent). */
    private static Path deviceDirectory(String job, Path target, String scheduler) {
        Path sys;
        try {
            long dev;
            if (MountTable.isBlockDevice(target)) {
                dev = ((Number) Files.getAttribute(target, "unix:rdev")).longValue();
            } else {
                Path existing = target.toAbsolutePath();
                while (existing != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                dev = ((Number) Files.getAttribute(existing, "unix:dev")).longValue();
            }
            sys = Path.of("/sys/dev/block/" + major(dev) + ":" + minor(dev)).toRealPath();
        } catch (NoSuchFileException e) {
            throw new SetupFailedException(job + ": ioscheduler=" + scheduler + ": " + target
                    + " is on no block device (tmpfs, overlay, a network file system), which has no I/O scheduler");
        } catch (IOException | RuntimeException e) {
            throw new SetupFailedException(job + ": ioscheduler=" + scheduler + ": cannot find the block device of "
                    + target + ": " + JobClone.message(e));
        }
        return Files.exists(sys.resolve("partition")) ? sys.getParent() : sys;
    }

    /** glibc's gnu_dev_major. */
    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** glibc's gnu_dev_minor. */
    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
