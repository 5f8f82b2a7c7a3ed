package dev.jfio.engine.file;

import dev.jfio.spi.FileHandling;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.JobView;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every file engine does before the job starts, as fio does: a read job (or
 * {@code overwrite=1}) gets its files written up to {@code offset + size} ("Laying out IO file");
 * a write job gets missing files created and pre-allocated per {@code fallocate}, unless
 * {@code create_on_open=1}; block devices report their size; FIFOs and directories are refused;
 * {@code direct=1} with sizes or offsets the file system cannot take is refused before any I/O.
 *
 * <p>Thread contract: called from an engine's {@code setup}, on the runner's main thread.
 */
public final class FileSetup {
    private FileSetup() {}

    /** Prepares the targets of one job for engine {@code engine} (named in messages). */
    public static void prepare(JobView job, SetupContext setup, String engine) throws IOException {
        FileHandling handling = job.fileHandling();
        List<IoTarget> targets = setup.targets();
        long perTarget = job.size() == IoTarget.UNKNOWN_SIZE ? IoTarget.UNKNOWN_SIZE : job.size() / targets.size();
        // with filesize the runner sizes each file and lays out what this setup leaves short
        boolean runnerSizes = job.fileSizes().runnerSizes();
        for (IoTarget target : targets) {
            Path path = pathOf(target);
            if (Files.isDirectory(path)) {
                throw new IOException(path + " is a directory; ioengine=" + engine + " needs a file or a block device");
            }
            FileTargets.refuseFifo(path);
            if (job.direct()) {
                checkAlignment(job, path);
            }
            if (FileTargets.isBlockDevice(path)) {
                if (job.writes()) {
                    FileTargets.checkWritable(path);
                }
                target.fixSize(FileTargets.blockDeviceSize(path));
                continue;
            }
            boolean exists = Files.exists(path);
            if (exists && !Files.isRegularFile(path)) {
                continue; // a character device: no size to learn
            }
            if (!exists) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new IOException("cannot create " + path + ": directory " + parent + " does not exist");
                }
                if (!handling.allowFileCreate()) {
                    throw new IOException(path + " does not exist and allow_file_create=0 forbids creating it");
                }
            } else if (job.writes()) {
                FileTargets.checkWritable(path);
            }
            long current = exists ? Files.size(path) : IoTarget.UNKNOWN_SIZE;
            long needed = perTarget == IoTarget.UNKNOWN_SIZE || runnerSizes
                    ? IoTarget.UNKNOWN_SIZE
                    : job.offset() + perTarget;
            if (job.reads() || handling.overwrite()) {
                if (needed == IoTarget.UNKNOWN_SIZE) {
                    if (!exists && !runnerSizes) {
                        throw new IOException("cannot read " + path + ": it does not exist and the job sets no size");
                    }
                } else if (current < needed) {
                    if (job.readOnly()) {
                        throw new IOException("refusing to extend " + path + (exists ? " from " + current : "") + " to "
                                + needed + " bytes due to read-only (--readonly)");
                    }
                    if (exists && !FileTargets.writable(path)) {
                        throw new IOException(path + " is " + current + " bytes, the job needs " + needed
                                + " (offset+size) and the file is read-only");
                    }
                    FileTargets.layOut(path, needed, handling.fallocate(), handling.createFsync(), job::notice);
                    current = needed;
                }
            } else if (!exists && !handling.createOnOpen()) {
                FileTargets.create(path, needed, handling.fallocate());
                current = Files.size(path);
            }
            if (current != IoTarget.UNKNOWN_SIZE) {
                target.setSize(current);
            }
        }
    }

    /** The target's name as a path; an invalid name is one IOException naming it. */
    public static Path pathOf(IoTarget target) throws IOException {
        try {
            return Path.of(target.name());
        } catch (InvalidPathException e) {
            throw new IOException("invalid file name '" + target.name() + "': " + e.getReason(), e);
        }
    }

    private static void checkAlignment(JobView job, Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long align = DirectAlignment.of(existing);
        if (job.minBlockSize() % align != 0 || job.maxBlockSize() % align != 0 || job.offset() % align != 0) {
            throw new IOException(
                    "direct=1 needs bs and offset in multiples of " + align + " (the direct I/O alignment of "
                            + path + "); got bs="
                            + (job.minBlockSize() == job.maxBlockSize()
                                    ? job.minBlockSize()
                                    : job.minBlockSize() + "-" + job.maxBlockSize())
                            + " offset=" + job.offset());
        }
    }
}
