package dev.jfio.engine.file;

import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One job clone of engine {@code file}: one {@link FileChannel} per target, positional
 * (pread/pwrite) transfers that loop until the whole unit moved, {@code force} for FLUSH
 * (fdatasync or fsync, as {@link SyncPolicy#flush()} says), fallocate(PUNCH_HOLE) for TRIM.
 * Allocates nothing per I/O.
 * Setup is {@link FileSetup}'s, shared by every file engine. Open drops the file's cached pages
 * ({@code invalidate=1}, fio's default).
 *
 * <p>Thread contract: as {@link IoEngine}; no locking.
 */
final class FileEngine implements IoEngine {
    private static final String TRIM_UNSUPPORTED =
            "trim needs fallocate(PUNCH_HOLE) through native calls, unavailable here";
    private static final String TRIM_FAILED = "fallocate(PUNCH_HOLE) failed";
    /** com.sun.nio.file.ExtendedOpenOption.DIRECT, looked up once so javac does not warn about jdk.unsupported. */
    private static final OpenOption DIRECT = directOption();

    private final JobView job;
    private final List<OpenFile> opened = new ArrayList<>();
    private final FileHandling handling;
    /** O_SYNC, O_DSYNC or null: fio's {@code sync}. */
    private final StandardOpenOption syncOption;
    /** Whether FLUSH is fdatasync ({@code force(false)}) rather than fsync. */
    private final boolean datasync;
    /** FLUSH is sync_file_range, which FileChannel cannot issue: each such FLUSH fails with EINVAL. */
    private final boolean rangeSync;
    /** Whether setup or open ran: only then does the engine report its properties. */
    private boolean started;

    FileEngine(JobView job) {
        this.job = job;
        this.handling = job.fileHandling();
        SyncPolicy sync = job.syncPolicy();
        this.syncOption = sync.mode() == SyncMode.SYNC
                ? StandardOpenOption.SYNC
                : sync.mode() == SyncMode.DSYNC ? StandardOpenOption.DSYNC : null;
        this.datasync = sync.flush() == FlushKind.FDATASYNC;
        this.rangeSync = sync.flush() == FlushKind.SYNC_FILE_RANGE;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        started = true;
        FileSetup.prepare(job, setup, "file");
    }

    @Override
    public void open(IoTarget target) throws IOException {
        started = true;
        Path path = FileSetup.pathOf(target);
        FileTargets.refuseFifo(path); // made since setup: opening it could block until a peer comes
        Set<OpenOption> openOptions = new HashSet<>();
        openOptions.add(StandardOpenOption.READ);
        if (job.writes()) {
            openOptions.add(StandardOpenOption.WRITE);
            if (handling.allowFileCreate()) {
                openOptions.add(StandardOpenOption.CREATE);
            }
            if (syncOption != null) {
                openOptions.add(syncOption);
            }
        }
        if (job.direct()) {
            if (DIRECT == null) {
                throw new IOException(
                        "direct=1 is not supported by this JVM (no com.sun.nio.file.ExtendedOpenOption.DIRECT)");
            }
            openOptions.add(DIRECT);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, openOptions);
        } catch (IOException e) {
            throw FileTargets.describe(job.writes() ? "cannot open for writing" : "cannot open", path, e);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot open " + path + " with direct=1: " + e.getMessage(), e);
        }
        int fd = Posix.open(path.toString(), job.writes() ? Posix.O_RDWR : Posix.O_RDONLY);
        OpenFile file = new OpenFile(path, channel, fd);
        opened.add(file);
        target.setEngineData(file);
        if (handling.invalidate() && fd >= 0) {
            // fio drops the cached pages of the files before the job, so buffered reads start cold
            Posix.posixFadvise(fd, 0, 0, Posix.POSIX_FADV_DONTNEED);
        }
        if (fd >= 0) {
            FileTargets.advise(job, path, fd);
        }
        FileTargets.applyWriteHint(job, path, fd);
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        Object handle = unit.target().engineData();
        if (!(handle instanceof OpenFile)) {
            unit.fail(Errno.EINVAL, NativeFileEngine.NOT_OPEN);
            return QueueResult.COMPLETED;
        }
        OpenFile file = (OpenFile) handle;
        try {
            switch (unit.op()) {
                case READ:
                    unit.complete(read(file.channel, unit));
                    break;
                case WRITE:
                    unit.complete(write(file.channel, unit));
                    break;
                case FLUSH:
                    if (rangeSync) {
                        unit.fail(Errno.EINVAL, "sync_file_range: Java's FileChannel cannot issue it");
                        break;
                    }
                    file.channel.force(!datasync);
                    unit.complete(0);
                    break;
                case TRIM:
                default:
                    trim(file, unit);
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

    /** Deallocates the range, keeping the file's size: reads of it then return zeros. */
    private static void trim(OpenFile file, IoUnit unit) {
        if (file.fd < 0) {
            unit.fail(Errno.ENOTSUP, TRIM_UNSUPPORTED);
            return;
        }
        int errno = Posix.fallocate(
                file.fd, Posix.FALLOC_FL_PUNCH_HOLE | Posix.FALLOC_FL_KEEP_SIZE, unit.offset(), unit.length());
        if (errno == 0) {
            unit.complete(unit.length());
        } else {
            unit.fail(errno, TRIM_FAILED);
        }
    }

    @Override
    public void close(IoTarget target) throws IOException {
        Object handle = target.engineData();
        if (handle instanceof OpenFile) {
            OpenFile file = (OpenFile) handle;
            target.setEngineData(null);
            opened.remove(file);
            file.close();
            if (handling.unlink() && Files.isRegularFile(file.path)) {
                try {
                    Files.deleteIfExists(file.path);
                } catch (IOException e) {
                    throw FileTargets.describe("unlink=1: cannot delete", file.path, e);
                }
            }
        }
    }

    @Override
    public void cleanup() {
        for (OpenFile file : opened) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing more to do: the job is over
            }
        }
        opened.clear();
    }

    @Override
    public Map<String, String> properties() {
        if (!started) {
            return Map.of();
        }
        return Map.of(
                "direct",
                job.direct() ? "1" : "0",
                "sync",
                syncOption == null ? "none" : syncOption == StandardOpenOption.SYNC ? "sync" : "dsync");
    }

    private static OpenOption directOption() {
        try {
            return (OpenOption) Class.forName("com.sun.nio.file.ExtendedOpenOption")
                    .getField("DIRECT")
                    .get(null);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return null;
        }
    }

    /**
     * The errno of a failed transfer: the JDK's message is the system call's strerror text
     * ("Illegal seek" is ESPIPE, a positional write on a FIFO); its own alignment check for
     * direct=1 is the EINVAL the kernel would give.
     */
    private static int errnoOf(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("multiple of")) {
            return Errno.EINVAL;
        }
        return Errno.of(e, Errno.EIO);
    }
}
