package dev.jfio.engine.file;

import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.SetupContext;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file machinery every native file engine shares (sync, psync, vsync, pvsync, pvsync2, mmap,
 * libaio, io_uring and fio's file-operation engines): setup by {@link FileSetup}; open(2) with the
 * job's flags ({@code direct} as O_DIRECT, {@code sync} as O_SYNC or O_DSYNC, O_CREAT when the job
 * writes and may create), the page cache dropped per {@code invalidate}; the descriptor kept in a
 * {@link NativeFile} as the target's engine data; {@code unlink} on close; flushes as fsync or
 * fdatasync and trims as punched holes, for engines that do them synchronously. Subclasses do the
 * transfers: {@code queue}, and for asynchronous engines {@code commit} and {@code getEvents}.
 *
 * <p>Thread contract: as {@link IoEngine}. Setup runs on the runner's main thread, everything else
 * on the job thread; no locking. Allocates nothing per I/O.
 */
public abstract class NativeFileEngine implements IoEngine {
    /** The message of an I/O on a target this engine has not opened (or already closed). */
    protected static final String NOT_OPEN = "the target was not opened";

    private static final int CREATE_MODE = 0644;

    protected final JobView job;
    private final String engine;
    private final FileHandling handling;
    private final int syncFlag;
    private final boolean datasync;
    /** sync_file_range's flags when FLUSH is sync_file_range, else -1. */
    private final int rangeFlags;

    private final List<NativeFile> opened = new ArrayList<>();
    /** Whether setup or open ran: only then does the engine report its properties. */
    private boolean started;

    /** @param engine the engine's name as the job names it, for messages */
    protected NativeFileEngine(JobView job, String engine) {
        this.job = job;
        this.engine = engine;
        this.handling = job.fileHandling();
        SyncPolicy sync = job.syncPolicy();
        this.syncFlag = sync.mode() == SyncMode.SYNC ? Posix.O_SYNC : sync.mode() == SyncMode.DSYNC ? Posix.O_DSYNC : 0;
        this.datasync = sync.flush() == FlushKind.FDATASYNC;
        this.rangeFlags = sync.flush() == FlushKind.SYNC_FILE_RANGE ? sync.rangeFlags() : -1;
    }

    /** Lays out or checks the files ({@link FileSetup}); subclasses that override call this first. */
    @Override
    public void setup(SetupContext setup) throws IOException {
        started = true;
        if (!Posix.isNative()) {
            throw new IOException("ioengine=" + engine + " needs native calls (64-bit Linux through jnr-ffi)");
        }
        FileSetup.prepare(job, setup, engine);
    }

    @Override
    public final void open(IoTarget target) throws IOException {
        started = true;
        Path path = FileSetup.pathOf(target);
        FileTargets.refuseFifo(path); // made since setup: opening it could block until a peer comes
        int flags = (job.writes() ? Posix.O_RDWR : Posix.O_RDONLY) | openFlags();
        if (job.writes()) {
            flags |= syncFlag | (handling.allowFileCreate() ? Posix.O_CREAT : 0);
        }
        if (job.direct()) {
            flags |= Posix.O_DIRECT;
        }
        int fd = Posix.open(path.toString(), flags, CREATE_MODE);
        if (fd < 0) {
            throw openFailure(path, -fd);
        }
        NativeFile file = new NativeFile(path, fd, freeSlot());
        opened.add(file);
        target.setEngineData(file);
        if (handling.invalidate()) {
            // fio drops the cached pages of the files before the job, so buffered reads start cold
            Posix.posixFadvise(fd, 0, 0, Posix.POSIX_FADV_DONTNEED);
        }
        FileTargets.advise(job, path, fd);
        FileTargets.applyWriteHint(job, path, fd);
        try {
            opened(file);
        } catch (IOException | RuntimeException e) {
            release(target, file);
            throw e;
        }
    }

    /**
     * The lowest slot no open file holds: a file reopened (openfiles below nrfiles rotates them)
     * takes a slot back, so slots stay below the number of targets (io_uring's registered files).
     */
    private int freeSlot() {
        int slot = 0;
        for (boolean taken = true; taken; ) {
            taken = false;
            for (NativeFile f : opened) {
                if (f.slot == slot) {
                    taken = true;
                    slot++;
                    break;
                }
            }
        }
        return slot;
    }

    /** Extra open(2) flags this engine needs; the default is none. Job thread. */
    protected int openFlags() {
        return 0;
    }

    /** Called after a target is opened, before its first I/O (e.g. to register it). Job thread. */
    protected void opened(NativeFile file) throws IOException {}

    /** Called before a target's descriptor is closed, with no I/O of it in flight. Job thread. */
    protected void closing(NativeFile file) throws IOException {}

    @Override
    public final void close(IoTarget target) throws IOException {
        Object data = target.engineData();
        if (!(data instanceof NativeFile)) {
            return;
        }
        NativeFile file = (NativeFile) data;
        try {
            closing(file);
        } finally {
            release(target, file);
        }
        if (handling.unlink() && Files.isRegularFile(file.path)) {
            try {
                Files.deleteIfExists(file.path);
            } catch (IOException e) {
                throw FileTargets.describe("unlink=1: cannot delete", file.path, e);
            }
        }
    }

    private void release(IoTarget target, NativeFile file) {
        target.setEngineData(null);
        opened.remove(file);
        Posix.close(file.fd);
    }

    /** Closes what is still open; subclasses that override call this last. */
    @Override
    public void cleanup() {
        for (NativeFile file : opened) {
            Posix.close(file.fd);
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
                syncFlag == 0 ? "none" : syncFlag == Posix.O_SYNC ? "sync" : "dsync");
    }

    /**
     * The unit's open file; or null after failing the unit with EINVAL and {@link #NOT_OPEN} (the
     * runner sent an I/O to a target this engine has not opened): the caller completes it.
     */
    protected static NativeFile openFileOf(IoUnit unit) {
        NativeFile file = fileOf(unit);
        if (file == null) {
            unit.fail(Errno.EINVAL, NOT_OPEN);
        }
        return file;
    }

    /** The unit's open file, or null. */
    protected static NativeFile fileOf(IoUnit unit) {
        Object data = unit.target().engineData();
        return data instanceof NativeFile ? (NativeFile) data : null;
    }

    /** Whether FLUSH is fdatasync (fio's {@code fdatasync}, {@code sync_file_range} aside) rather than fsync. */
    protected final boolean datasync() {
        return datasync;
    }

    /** Whether FLUSH is sync_file_range (fio's {@code sync_file_range}): done by {@link #flushNow}, never queued. */
    protected final boolean syncsRange() {
        return rangeFlags >= 0;
    }

    /** A FLUSH done now: fsync, fdatasync or sync_file_range, as the job asks; completes or fails the unit. */
    protected final void flushNow(NativeFile file, IoUnit unit) {
        if (rangeFlags >= 0) {
            int errno = Posix.syncFileRange(file.fd, 0, 0, rangeFlags);
            if (errno == 0) {
                unit.complete(0);
            } else {
                unit.fail(errno, "sync_file_range failed");
            }
            return;
        }
        int errno = Posix.fsync(file.fd, datasync);
        if (errno == 0) {
            unit.complete(0);
        } else {
            unit.fail(errno, datasync ? "fdatasync failed" : "fsync failed");
        }
    }

    /** A TRIM done now: the range deallocated (a punched hole), the file's size kept. */
    protected final void trimNow(NativeFile file, IoUnit unit) {
        int errno = Posix.fallocate(
                file.fd, Posix.FALLOC_FL_PUNCH_HOLE | Posix.FALLOC_FL_KEEP_SIZE, unit.offset(), unit.length());
        if (errno == 0) {
            unit.complete(unit.length());
        } else {
            unit.fail(errno, "fallocate(PUNCH_HOLE) failed");
        }
    }

    private IOException openFailure(Path path, int errno) {
        String action = job.writes() ? "cannot open for writing " : "cannot open ";
        String hint = errno == Errno.EINVAL && job.direct()
                ? " (the file system may not support direct=1 (O_DIRECT))"
                : errno == Errno.EMFILE ? " (raise the limit with ulimit -n)" : "";
        return new IOException(action + path + ": " + Errno.describe(errno) + hint);
    }
}
