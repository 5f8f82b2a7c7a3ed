package dev.jfio.engine.file.ops;

import dev.jfio.engine.file.FileSetup;
import dev.jfio.posix.FileOps;
import dev.jfio.posix.NativePaths;
import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.spi.SyncMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One of fio's file-operation engines ({@link PathOp}): each open of a target is one operation (a
 * file created, looked up or deleted, a directory made, looked up or removed), timed around the
 * system call alone and handed to the runner through {@link #openNanos()}; the I/Os complete at
 * once and move nothing, as in fio. What setup prepares follows fio: {@code filestat} and
 * {@code filedelete} lay out or create their files as any file engine does, {@code dirstat} and
 * {@code dirdelete} make their directories, {@code filecreate} and {@code dircreate} prepare
 * nothing. With {@code unlink=1} what is left is removed when the job ends.
 *
 * <p>Thread contract: as {@link IoEngine}; setup on the runner's main thread, everything else on
 * the job thread, no locking. Allocates nothing per operation or I/O: the paths are encoded once
 * ({@link NativePaths}) and the stat buffers made in {@link #init()}.
 */
final class PathOpEngine implements IoEngine {
    /** fio's filecreate: {@code open(name, O_CREAT|O_RDWR, 0600)}. */
    private static final int FILE_MODE = 0600;
    /** fio makes the directories of dirstat and dirdelete with 0700; dircreate's take the same here. */
    private static final int DIRECTORY_MODE = 0700;

    private final JobView job;
    private final PathOp op;
    private final StatType statType;

    private List<IoTarget> targets = List.of();
    private NativePaths paths;
    /** Per target: the descriptor filecreate holds open until close, else -1. */
    private int[] fds = new int[0];

    private ByteBuffer statBuffer;
    private ByteBuffer resolvedPath;
    private long statAddress;
    private long resolvedAddress;

    private long lastNanos = -1;
    private boolean started;

    PathOpEngine(JobView job, PathOp op) {
        this.job = job;
        this.op = op;
        this.statType = op.stats() ? StatType.of(job.get(StatType.OPTION)) : StatType.STAT;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        if (!FileOps.available()) {
            throw new IOException("ioengine=" + op.engine + " needs native calls (64-bit Linux through jnr-ffi)");
        }
        refuseWhatDoesNotApply();
        targets = setup.targets();
        List<String> names = new ArrayList<>(targets.size());
        Set<Path> checked = new HashSet<>();
        for (IoTarget target : targets) {
            Path path = FileSetup.pathOf(target);
            switch (op.prepare) {
                case FILES:
                    refuseNonFile(path);
                    break;
                case DIRECTORIES:
                    makeDirectory(path, checked);
                    break;
                default:
                    checkParent(path, checked);
                    break;
            }
            names.add(target.name());
        }
        if (op.prepare == PathOp.Prepare.FILES) {
            FileSetup.prepare(job, setup, op.engine);
        }
        if (op.sizesTargets()) {
            FileSizes sizes = job.fileSizes();
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).setSize(sizeOf(i, sizes));
            }
        }
        paths = new NativePaths(names);
        fds = new int[targets.size()];
        Arrays.fill(fds, -1);
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).setEngineData(i);
        }
    }

    /** fio ignores these for its file-operation engines; jfio refuses them rather than ignore them. */
    private void refuseWhatDoesNotApply() throws IOException {
        String does = "ioengine=" + op.engine + " moves no data, so ";
        if (job.direct()) {
            throw new IOException(does + "direct=1 does not apply (fio ignores it); remove it");
        }
        if (job.syncPolicy().mode() != SyncMode.NONE) {
            throw new IOException(
                    does + "sync=" + job.syncPolicy().mode().name().toLowerCase(Locale.ROOT)
                            + " does not apply (fio ignores it); remove it");
        }
        if (op.prepare == PathOp.Prepare.DIRECTORIES
                && job.size() == IoTarget.UNKNOWN_SIZE
                && !job.fileSizes().runnerSizes()) {
            throw new IOException("ioengine=" + op.engine + " needs filesize= or size= (how many I/Os each directory"
                    + " counts; fio: you need to specify size=), e.g. filesize=4k");
        }
        if (op.prepare == PathOp.Prepare.NOTHING && !job.fileHandling().allowFileCreate()) {
            throw new IOException(
                    "allow_file_create=0 forbids what ioengine=" + op.engine + " does: creating the targets");
        }
    }

    /**
     * The size the runner divides into blocks: the file's {@code filesize}, else the job's share of
     * {@code size}, else the smallest block size, so that each target gets at least one I/O, as
     * fio's engines size them.
     */
    private long sizeOf(int index, FileSizes sizes) {
        if (sizes.runnerSizes()) {
            return sizes.size(index);
        }
        long share = job.size() == IoTarget.UNKNOWN_SIZE ? job.minBlockSize() : job.size() / targets.size();
        return job.offset() + Math.max(share, job.minBlockSize());
    }

    private void refuseNonFile(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file; ioengine=" + op.engine + " works on files only");
        }
    }

    /** Refuses a target whose directory is missing; each directory is looked at once (nrfiles may be large). */
    private static void checkParent(Path path, Set<Path> checked) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && checked.add(parent) && !Files.isDirectory(parent)) {
            throw new IOException("cannot create " + path + ": directory " + parent + " does not exist");
        }
    }

    private void makeDirectory(Path path, Set<Path> checked) throws IOException {
        checkParent(path, checked);
        if (Files.isDirectory(path)) {
            return;
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(
                    path + " exists and is not a directory; ioengine=" + op.engine + " needs directories");
        }
        try {
            Files.createDirectory(
                    path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new IOException("cannot make directory " + path + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        int errno = Errno.of(e, 0);
        return errno != 0 ? Errno.describe(errno) : e.getMessage();
    }

    @Override
    public void init() {
        started = true;
        if (op.stats()) {
            statBuffer = ByteBuffer.allocateDirect(FileOps.STAT_BUFFER_BYTES);
            statAddress = Posix.address(statBuffer);
            if (statType == StatType.STATX) {
                resolvedPath = ByteBuffer.allocateDirect(FileOps.PATH_MAX);
                resolvedAddress = Posix.address(resolvedPath);
            }
        }
        FileOps.bind(); // so that the first timed operation is not the one that links the call
    }

    @Override
    public void open(IoTarget target) throws IOException {
        int index = indexOf(target);
        long path = paths.address(index);
        lastNanos = -1;
        long start = System.nanoTime();
        int result = perform(path);
        long end = System.nanoTime();
        if (result < 0) {
            throw failure(target, -result);
        }
        if (op == PathOp.FILE_CREATE) {
            fds[index] = result;
        }
        lastNanos = end - start;
    }

    /** The operation itself, between the clock readings: a descriptor or 0, or minus the errno. */
    private int perform(long path) {
        switch (op) {
            case FILE_CREATE:
                return FileOps.open(path, Posix.O_CREAT | Posix.O_RDWR, FILE_MODE);
            case FILE_STAT:
            case DIR_STAT:
                return -lookUp(path);
            case FILE_DELETE:
                return -FileOps.unlink(path);
            case DIR_CREATE:
                return -FileOps.mkdir(path, DIRECTORY_MODE);
            case DIR_DELETE:
                return -FileOps.rmdir(path);
            default:
                throw new IllegalStateException("unknown operation " + op);
        }
    }

    private int lookUp(long path) {
        switch (statType) {
            case LSTAT:
                return FileOps.lstat(path, statAddress);
            case STATX:
                return FileOps.statx(path, resolvedAddress, statAddress);
            default:
                return FileOps.stat(path, statAddress);
        }
    }

    /** The failed operation as one line, the errno's text in it (so the job's error is that errno). */
    private IOException failure(IoTarget target, int errno) {
        String call = op.stats() ? statType.name().toLowerCase(Locale.ROOT) : op.call;
        String hint = errno == Errno.EEXIST ? " (left from an earlier run or pass)" : "";
        return new IOException(
                "ioengine=" + op.engine + ": " + call + " " + target.name() + ": " + Errno.nameAndText(errno) + hint);
    }

    @Override
    public long openNanos() {
        return lastNanos;
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        // as fio's engines: an I/O marks its blocks done and moves nothing
        unit.complete(unit.op() == IoOp.FLUSH ? 0 : unit.length());
        return QueueResult.COMPLETED;
    }

    @Override
    public void close(IoTarget target) {
        Object data = target.engineData();
        if (data instanceof Integer) {
            int index = (Integer) data;
            if (fds[index] >= 0) {
                Posix.close(fds[index]);
                fds[index] = -1;
            }
        }
    }

    /** Closes what filecreate still holds; with {@code unlink=1}, removes the targets (fio does at the end). */
    @Override
    public void cleanup() {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] >= 0) {
                Posix.close(fds[i]);
                fds[i] = -1;
            }
        }
        if (started && job.fileHandling().unlink() && paths != null) {
            for (int i = 0; i < targets.size(); i++) {
                int errno = op.directories ? FileOps.rmdir(paths.address(i)) : FileOps.unlink(paths.address(i));
                if (errno != 0 && errno != Errno.ENOENT) {
                    job.notice("unlink=1: cannot remove " + targets.get(i) + ": " + Errno.nameAndText(errno));
                }
            }
        }
    }

    @Override
    public Map<String, String> properties() {
        if (!started) {
            return Map.of();
        }
        return Map.of("operation", op.stats() ? statType.name().toLowerCase(Locale.ROOT) : op.call);
    }

    private static int indexOf(IoTarget target) throws IOException {
        Object data = target.engineData();
        if (!(data instanceof Integer)) {
            throw new IOException(target + " was not set up by this engine");
        }
        return (Integer) data;
    }
}
