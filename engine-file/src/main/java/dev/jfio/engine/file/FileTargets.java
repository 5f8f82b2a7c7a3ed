package dev.jfio.engine.file;

import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** File-system facts and chores of engine {@code file}: kinds, sizes, layout, readable errors. */
public final class FileTargets {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;
    private static final int CHUNK = 1 << 20;

    private FileTargets() {}

    /** Whether {@code path} is a block device (following links). */
    public static boolean isBlockDevice(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer && (((Integer) mode) & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * fio's {@code fadvise_hint} on a just-opened file or block device: posix_fadvise RANDOM or
     * SEQUENTIAL over the whole file. A failure is a notice, as fio warns ("fadvise hint failed").
     * Job thread, at open.
     */
    static void advise(JobView job, Path path, int fd) {
        FileAdvice advice = job.fileAdvice();
        if (advice == FileAdvice.NONE || !(Files.isRegularFile(path) || isBlockDevice(path))) {
            return;
        }
        int errno = Posix.posixFadvise(
                fd, 0, 0, advice == FileAdvice.RANDOM ? Posix.POSIX_FADV_RANDOM : Posix.POSIX_FADV_SEQUENTIAL);
        if (errno != 0) {
            job.notice("fadvise hint failed on " + path + ": " + Errno.describe(errno));
        }
    }

    /**
     * fio's {@code write_hint} on a just-opened file or block device: fcntl(F_SET_RW_HINT) on its
     * inode. fio 3.33 uses F_SET_FILE_RW_HINT with direct=1, which Linux 5.17 removed; the inode's
     * hint applies to direct writes too. Job thread, at open.
     *
     * @throws IOException naming the file when the kernel refuses the hint
     */
    static void applyWriteHint(JobView job, Path path, int fd) throws IOException {
        long hint = job.writeHint();
        if (hint == 0 || !(Files.isRegularFile(path) || isBlockDevice(path))) {
            return;
        }
        if (fd < 0) {
            throw new IOException("write_hint needs native calls to set on " + path + ": " + Errno.describe(-fd));
        }
        int errno = dev.jfio.posix.FileCalls.setWriteHint(fd, hint);
        if (errno != 0) {
            throw new IOException("fcntl write hint (F_SET_RW_HINT) failed on " + path + ": " + Errno.describe(errno));
        }
    }

    /** Whether {@code path} is a FIFO (named pipe), following links. */
    public static boolean isFifo(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer && (((Integer) mode) & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Refuses a FIFO as fio 3.33 does ("failed to get file size of PATH") before anything opens
     * it: opening one for reading blocks until a writer comes, and a pipe has no size or offsets.
     */
    static void refuseFifo(Path path) throws IOException {
        if (isFifo(path)) {
            throw new IOException("failed to get file size of " + path
                    + ": it is a FIFO (named pipe), which has no size or offsets; ioengine=file needs a regular file"
                    + " or a device");
        }
    }

    /**
     * The size of a block device in bytes: from {@code /sys/class/block/NAME/size} (in 512-byte
     * sectors), or else from the end of an opened channel.
     */
    public static long blockDeviceSize(Path device) throws IOException {
        Path real = device.toRealPath();
        Path sectors = Path.of("/sys/class/block", real.getFileName().toString(), "size");
        try {
            return Long.parseLong(Files.readString(sectors).strip()) * 512;
        } catch (IOException | NumberFormatException e) {
            try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ)) {
                return channel.size();
            } catch (IOException e2) {
                throw describe("cannot read the size of block device", device, e2);
            }
        }
    }

    /**
     * Makes {@code path} at least {@code size} bytes long by writing zeros from its current end in
     * 1 MiB chunks (real blocks, not a sparse hole), keeping what it already holds; creates it when
     * missing. Prints "Laying out IO file PATH (N MiB)" through {@code notice} first, as fio does.
     *
     * @throws IOException with a one-line message naming the file when it cannot be written
     */
    public static void layOut(Path path, long size, Consumer<String> notice) throws IOException {
        layOut(path, size, Fallocate.NONE, true, notice);
    }

    /**
     * As {@link #layOut(Path, long, Consumer)}, pre-allocating a new file's space per {@code fallocate}
     * first, and flushing it at the end only with {@code fsync} (fio's create_fsync).
     */
    static void layOut(Path path, long size, Fallocate fallocate, boolean fsync, Consumer<String> notice)
            throws IOException {
        boolean exists = Files.exists(path);
        long current = exists ? Files.size(path) : 0;
        if (current >= size && exists) {
            return;
        }
        notice.accept("Laying out IO file " + path + " (" + mebibytes(size) + " MiB)");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            if (!exists) {
                preallocate(path, size, fallocate);
            }
            ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
            long position = current;
            while (position < size) {
                zeros.clear().limit((int) Math.min(CHUNK, size - position));
                while (zeros.hasRemaining()) {
                    position += channel.write(zeros, position);
                }
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw describe("cannot lay out", path, e);
        }
    }

    /**
     * Creates a missing file for a write job, as fio does before the job starts: empty, then given
     * {@code size} bytes of space per {@code fallocate} (native and posix make it that long, keep
     * allocates without growing it, truncate only sets its length, none leaves it empty).
     */
    static void create(Path path, long size, Fallocate fallocate) throws IOException {
        try {
            Files.newByteChannel(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                    .close();
        } catch (IOException e) {
            throw describe("cannot create", path, e);
        }
        if (size > 0) {
            preallocate(path, size, fallocate);
        }
    }

    private static void preallocate(Path path, long size, Fallocate fallocate) throws IOException {
        if (fallocate == Fallocate.NONE) {
            return;
        }
        if (fallocate == Fallocate.TRUNCATE) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                if (channel.size() < size) {
                    channel.write(ByteBuffer.allocate(1), size - 1);
                }
            } catch (IOException e) {
                throw describe("fallocate=truncate: cannot extend", path, e);
            }
            return;
        }
        int fd = Posix.open(path.toString(), Posix.O_RDWR);
        if (fd < 0) {
            return; // no native calls: fio falls back to none as well
        }
        try {
            int errno;
            switch (fallocate) {
                case POSIX:
                    errno = Posix.posixFallocate(fd, 0, size);
                    break;
                case KEEP:
                    errno = Posix.fallocate(fd, Posix.FALLOC_FL_KEEP_SIZE, 0, size);
                    break;
                case NATIVE:
                default:
                    // fio's native: fall back to none when the file system cannot allocate
                    Posix.fallocate(fd, 0, 0, size);
                    errno = 0;
                    break;
            }
            if (errno != 0) {
                throw new IOException("fallocate=" + fallocate.name().toLowerCase(java.util.Locale.ROOT) + " failed on "
                        + path + ": " + Errno.name(errno));
            }
        } finally {
            Posix.close(fd);
        }
    }

    /** Whether {@code path} can be opened for writing now (a real open: access(2) says yes to root even for immutable files). */
    static boolean writable(Path path) {
        try {
            FileChannel.open(path, StandardOpenOption.WRITE).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a one-line message when a write job cannot open {@code path} for writing. */
    static void checkWritable(Path path) throws IOException {
        try {
            FileChannel.open(path, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw describe("the job writes but cannot open for writing", path, e);
        }
    }

    private static String mebibytes(long size) {
        if (size % CHUNK == 0) {
            return Long.toString(size / CHUNK);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", size / (double) CHUNK);
    }

    /** An IOException whose message is one line: what failed, on which path, and why. */
    static IOException describe(String action, Path path, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            Path parent = path.toAbsolutePath().getParent();
            why = parent != null && !Files.isDirectory(parent)
                    ? "directory " + parent + " does not exist"
                    : "no such file";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            why = ((FileSystemException) e).getReason();
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        IOException described = new IOException(action + " " + path + ": " + why.replace('\n', ' '));
        described.initCause(e);
        return described;
    }
}
