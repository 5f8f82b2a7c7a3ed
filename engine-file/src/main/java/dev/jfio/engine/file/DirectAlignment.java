package dev.jfio.engine.file;

import dev.jfio.posix.FileCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The alignment O_DIRECT needs on a file, for the check before the job starts: what the kernel
 * reports (statx STATX_DIOALIGN), else the logical block size of the block device behind the file
 * (sysfs), else the file system's block size. The kernel's answer is the one that counts: a
 * virtio disk with 512-byte sectors under 4 KiB ext4 blocks takes 512-byte direct I/O, as fio
 * shows.
 *
 * <p>Thread contract: stateless; called from setup on the runner's main thread.
 */
final class DirectAlignment {
    private DirectAlignment() {}

    /**
     * The alignment for {@code existing} (a file, a block device, or the nearest existing directory
     * of a file not yet created): a power of two, at least 1. 1 when the kernel says the file takes
     * no direct I/O at all, so that open(2) reports that instead.
     */
    static long of(Path existing) throws IOException {
        int reported = FileCalls.directIoAlignment(existing.toString());
        if (reported == 0) {
            return 1;
        }
        if (reported > 0) {
            return reported;
        }
        long device = FileCalls.blockDeviceOf(existing.toString());
        if (device >= 0) {
            String id = (device >>> 32) + ":" + (device & 0xFFFFFFFFL);
            for (String queue : new String[] {"queue", "../queue"}) { // a partition's queue is its disk's
                Path size = Path.of("/sys/dev/block", id, queue, "logical_block_size");
                try {
                    long sector = Long.parseLong(Files.readString(size).trim());
                    if (sector > 0) {
                        return sector;
                    }
                } catch (IOException | NumberFormatException e) {
                    // not a block device with a queue (tmpfs, NFS, overlay): the next source
                }
            }
        }
        return Files.getFileStore(existing).getBlockSize();
    }
}
