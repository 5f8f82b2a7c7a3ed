package dev.jfio.engine.file;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One job clone of engine {@code file}: one {@link FileChannel} per target, positional
 * (pread/pwrite) transfers that loop until the whole unit moved, {@code force(false)}
 * (fdatasync) for FLUSH. Allocates nothing per I/O.
 *
 * <p>Thread contract: as {@link IoEngine}; no locking.
 */
final class FileEngine implements IoEngine {
    private static final String TRIM_UNSUPPORTED = "trim is not supported by ioengine=file yet";
    private static final String NOT_OPEN = "the target was not opened";
    /** com.sun.nio.file.ExtendedOpenOption.DIRECT, looked up once so javac does not warn about jdk.unsupported. */
    private static final OpenOption DIRECT = directOption();

    private final JobView job;
    private final List<FileChannel> opened = new ArrayList<>();

    FileEngine(JobView job) {
        this.job = job;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        List<IoTarget> targets = setup.targets();
        long perTarget = job.size() == IoTarget.UNKNOWN_SIZE ? IoTarget.UNKNOWN_SIZE : job.size() / targets.size();
        for (IoTarget target : targets) {
            Path path = pathOf(target);
            if (Files.isDirectory(path)) {
                throw new IOException(path + " is a directory; ioengine=file needs a file or a block device");
            }
            if (job.direct()) {
                checkAlignment(path);
            }
            if (FileTargets.isBlockDevice(path)) {
                target.fixSize(FileTargets.blockDeviceSize(path));
                continue;
            }
            boolean exists = Files.exists(path);
            if (exists && !Files.isRegularFile(path)) {
                continue; // a character device or FIFO: no size to learn
            }
            long current = exists ? Files.size(path) : IoTarget.UNKNOWN_SIZE;
            if (!exists) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new IOException("cannot create " + path + ": directory " + parent + " does not exist");
                }
            }
            if (job.reads()) {
                if (perTarget == IoTarget.UNKNOWN_SIZE) {
                    if (!exists) {
                        throw new IOException("cannot read " + path + ": it does not exist and the job sets no size");
                    }
                } else {
                    long needed = job.offset() + perTarget;
                    if (current < needed) {
                        FileTargets.layOut(path, needed, job::notice);
                        current = needed;
                    }
                }
            }
            if (current != IoTarget.UNKNOWN_SIZE) {
                target.setSize(current);
            }
        }
    }

    @Override
    public void open(IoTarget target) throws IOException {
        Path path = pathOf(target);
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (job.writes()) {
            options.add(StandardOpenOption.WRITE);
            options.add(StandardOpenOption.CREATE);
        }
        if (job.direct()) {
            if (DIRECT == null) {
                throw new IOException("direct=1 is not supported by this JVM (no com.sun.nio.file.ExtendedOpenOption.DIRECT)");
            }
            options.add(DIRECT);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, options);
        } catch (IOException e) {
            throw FileTargets.describe(job.writes() ? "cannot open for writing" : "cannot open", path, e);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot open " + path + " with direct=1: " + e.getMessage(), e);
        }
        opened.add(channel);
        target.setEngineData(channel);
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        Object handle = unit.target().engineData();
        if (!(handle instanceof FileChannel)) {
            unit.fail(IoUnit.EINVAL, NOT_OPEN);
            return QueueResult.COMPLETED;
        }
        FileChannel channel = (FileChannel) handle;
        try {
            switch (unit.op()) {
                case READ:
                    unit.complete(read(channel, unit));
                    break;
                case WRITE:
                    unit.complete(write(channel, unit));
                    break;
                case FLUSH:
                    channel.force(false);
                    unit.complete(0);
                    break;
                case TRIM:
                default:
                    unit.fail(IoUnit.ENOTSUP, TRIM_UNSUPPORTED);
                    break;
            }
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            unit.fail(errnoOf(e), e.getMessage());
        }
        return QueueResult.COMPLETED;
    }

    /** Reads until the unit is full or the file ends (a short read). */
    private static int read(FileChannel channel, IoUnit unit) throws IOException {
        ByteBuffer buffer = unit.buffer();
        buffer.clear().limit(unit.length());
        long offset = unit.offset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static int write(FileChannel channel, IoUnit unit) throws IOException {
        ByteBuffer buffer = unit.buffer();
        buffer.clear().limit(unit.length());
        long offset = unit.offset();
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
        return buffer.position();
    }

    @Override
    public void close(IoTarget target) throws IOException {
        Object handle = target.engineData();
        if (handle instanceof FileChannel) {
            target.setEngineData(null);
            opened.remove(handle);
            ((FileChannel) handle).close();
        }
    }

    @Override
    public void cleanup() {
        for (FileChannel channel : opened) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to do: the job is over
            }
        }
        opened.clear();
    }

    private void checkAlignment(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        FileStore store = Files.getFileStore(existing);
        long align = store.getBlockSize();
        if (job.minBlockSize() % align != 0 || job.maxBlockSize() % align != 0 || job.offset() % align != 0) {
            throw new IOException("direct=1 needs bs and offset in multiples of " + align + " (the block size of "
                    + path + "); got bs=" + (job.minBlockSize() == job.maxBlockSize() ? job.minBlockSize()
                    : job.minBlockSize() + "-" + job.maxBlockSize()) + " offset=" + job.offset());
        }
    }

    private static Path pathOf(IoTarget target) throws IOException {
        try {
            return Path.of(target.name());
        } catch (InvalidPathException e) {
            throw new IOException("invalid file name '" + target.name() + "': " + e.getReason(), e);
        }
    }

    private static OpenOption directOption() {
        try {
            return (OpenOption) Class.forName("com.sun.nio.file.ExtendedOpenOption").getField("DIRECT").get(null);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return null;
        }
    }

    private static int errnoOf(IOException e) {
        String message = e.getMessage();
        if (message == null) {
            return IoUnit.EIO;
        }
        if (message.contains("No space left")) {
            return IoUnit.ENOSPC;
        }
        if (message.contains("Invalid argument") || message.contains("multiple of")) {
            return IoUnit.EINVAL;
        }
        return IoUnit.EIO;
    }
}
