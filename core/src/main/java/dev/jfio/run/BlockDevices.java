package dev.jfio.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the block device under a file as fio's diskutil.c does: the device itself for a block
 * special file, else the device of the file's filesystem (of its directory when the file does not
 * exist yet); a partition counts as its whole disk. Reads sysfs only (no native calls); an
 * unreadable or absent sysfs means "no device". Stateless; safe from any thread.
 */
final class BlockDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private final Path sysDevBlock;

    /** Over the system's sysfs. */
    BlockDevices() {
        this(Path.of("/sys/dev/block"));
    }

    /** Over {@code sysDevBlock}, a directory of "MAJOR:MINOR" links as /sys/dev/block. */
    BlockDevices(Path sysDevBlock) {
        this.sysDevBlock = sysDevBlock;
    }

    /** The sysfs directory of the whole disk under {@code file}, if it is on a block device. */
    Optional<Path> deviceOf(String file) {
        Optional<String> dev = deviceNumbers(Path.of(file));
        if (dev.isEmpty()) {
            return Optional.empty();
        }
        return sysfsDirectory(dev.get());
    }

    /** The sysfs directories of the devices {@code device} is built on (dm, md slaves), whole disks. */
    List<Path> slavesOf(Path device) {
        List<Path> slaves = new ArrayList<>();
        Path dir = device.resolve("slaves");
        if (!Files.isDirectory(dir)) {
            return slaves;
        }
        try (var entries = Files.list(dir)) {
            for (Path link : (Iterable<Path>) entries.sorted()::iterator) {
                try {
                    slaves.add(wholeDisk(link.toRealPath()));
                } catch (IOException e) {
                    // a slave that vanished meanwhile has nothing to report
                }
            }
        } catch (IOException e) {
            // unreadable slaves: the device alone is reported
        }
        return slaves;
    }

    private Optional<Path> sysfsDirectory(String majorMinor) {
        Path link = sysDevBlock.resolve(majorMinor);
        try {
            return Optional.of(wholeDisk(link.toRealPath()));
        } catch (IOException e) {
            return Optional.empty(); // no block device has these numbers (tmpfs, overlay, nfs)
        }
    }

    /** A partition's directory sits inside its disk's, which has "queue"; fio reports the disk. */
    private static Path wholeDisk(Path dir) {
        Path parent = dir.getParent();
        if (!Files.exists(dir.resolve("queue")) && parent != null && Files.isDirectory(parent.resolve("queue"))) {
            return parent;
        }
        return dir;
    }

    /** "MAJOR:MINOR" of the device holding {@code file} (fio's get_device_numbers). */
    private static Optional<String> deviceNumbers(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int type = mode & S_IFMT;
            if (type == S_IFBLK) {
                return Optional.of(majorMinor((Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)));
            }
            if (type == S_IFCHR || type == S_IFIFO) {
                return Optional.empty();
            }
            return Optional.of(majorMinor((Long) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException e) {
            Path dir = file.toAbsolutePath().getParent();
            try {
                return dir == null
                        ? Optional.empty()
                        : Optional.of(majorMinor((Long) Files.getAttribute(dir, "unix:dev")));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e2) {
                return Optional.empty();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Linux's dev_t encoding (glibc's gnu_dev_major/minor). */
    static String majorMinor(long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return major + ":" + minor;
    }
}
