package dev.jfio.engine.nbd.server;

import dev.jfio.engine.nbd.protocol.WireChannel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The embedded server's data: a sparse file, unlinked as soon as it is open, so that written data
 * lives in the page cache (of tmpfs in /dev/shm when it has room, else of {@code java.io.tmpdir}'s
 * file system) rather than on the JVM's heap or in its resident set, and nothing is left behind
 * even when the process dies. A bitmap of written granules tells holes from data: a granule never
 * written (or written and then trimmed) reads as zeros and is reported as a hole.
 *
 * <p>Invariant: a granule whose bit is clear holds zeros in the file. Writes store the data, then
 * set the bits; zeroing clears the bits, then writes zeros over the granules that had data.
 *
 * <p>Thread contract: safe for concurrent use by the server's connection threads (positional file
 * I/O, atomic bitmap). Concurrent writes to the same bytes race as they would on a disk. The data
 * methods allocate nothing.
 */
public final class SparseStore implements AutoCloseable {
    /** The smallest granule: 4 KiB. Larger exports get larger granules (the bitmap stays at most 4 MiB). */
    static final int MIN_GRANULE_SHIFT = 12;

    private static final int MAX_BITMAP_BITS_SHIFT = 25;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private final long size;
    private final int shift;
    private final AtomicLongArray written;
    private final RandomAccessFile raf;
    private final FileChannel file;
    private final Path directory;
    /** Set only where an open file cannot be unlinked (not Linux). */
    private Path deleteAtClose;
    /** A second view of {@link #ZEROS} per store: buffer positions are not thread-safe, so zeroing is synchronized. */
    private final ByteBuffer zeros = ZEROS.duplicate();

    private SparseStore(long size, Path directory) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("embedded NBD export size " + size + " is out of range");
        }
        this.size = size;
        int bits = size <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(size - 1);
        this.shift = Math.max(MIN_GRANULE_SHIFT, bits - MAX_BITMAP_BITS_SHIFT);
        long granules = (size + (1L << shift) - 1) >>> shift;
        this.written = new AtomicLongArray((int) ((granules + 63) >>> 6));
        this.directory = directory;
        Path path = Files.createTempFile(directory, "jfio-nbd-", ".img");
        RandomAccessFile f = null;
        try {
            f = new RandomAccessFile(path.toFile(), "rw");
            f.setLength(size);
        } catch (IOException | RuntimeException e) {
            if (f != null) {
                f.close();
            }
            Files.deleteIfExists(path);
            throw new IOException(
                    "cannot create the embedded NBD server's " + size + "-byte store in " + directory + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            // open files stay usable once unlinked: nothing to clean up after a crash
            Files.delete(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit(); // a system that cannot unlink open files; close() retries
            deleteAtClose = path;
        }
        this.raf = f;
        this.file = f.getChannel();
    }

    /**
     * A store of {@code size} bytes in /dev/shm when that exists and has room for all of it, else in
     * {@code java.io.tmpdir}.
     *
     * @throws IOException with a one-line message when the file cannot be created
     */
    public static SparseStore create(long size) throws IOException {
        return new SparseStore(size, defaultDirectory(size));
    }

    /** A store of {@code size} bytes with its (unlinked) file in {@code directory}. */
    public static SparseStore create(long size, Path directory) throws IOException {
        return new SparseStore(size, directory);
    }

    static Path defaultDirectory(long size) {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            try {
                if (Files.getFileStore(shm).getUsableSpace() >= size) {
                    return shm;
                }
            } catch (IOException e) {
                // fall through to the temporary directory
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The export's size in bytes. */
    public long size() {
        return size;
    }

    /** Where the store's file was created (it is unlinked at once). */
    public Path directory() {
        return directory;
    }

    /** The bytes tracked by one bit of the bitmap: holes are reported in whole granules. */
    public int granule() {
        return 1 << shift;
    }

    /** Whether the granule holding byte {@code off} has been written since it was last zeroed. */
    public boolean isWritten(long off) {
        long g = off >>> shift;
        return (written.get((int) (g >>> 6)) & (1L << g)) != 0;
    }

    /**
     * The end of the run of granules that starts at {@code off} and are all written, or all not,
     * as the one holding {@code off} is; at most {@code end}.
     */
    public long runEnd(long off, long end) {
        boolean state = isWritten(off);
        long g = (off >>> shift) + 1;
        long last = (end - 1) >>> shift;
        while (g <= last) {
            int w = (int) (g >>> 6);
            long word = written.get(w);
            long same = state ? word : ~word;
            if ((g & 63) == 0 && same == -1L) {
                g += 64;
                continue;
            }
            if ((same & (1L << g)) == 0) {
                break;
            }
            g++;
        }
        return Math.min(end, g << shift);
    }

    /** Reads {@code len} bytes at {@code off} into {@code dst} at its position (zeros where never written). */
    public void read(long off, ByteBuffer dst, int len) throws IOException {
        int limit = dst.limit();
        dst.limit(dst.position() + len);
        try {
            while (dst.hasRemaining()) {
                long p = off + len - dst.remaining();
                if (file.read(dst, p) < 0) {
                    throw new IOException("embedded NBD store ends at " + p + " (export size " + size + ")");
                }
            }
        } finally {
            dst.limit(limit);
        }
    }

    /** Writes the bytes remaining in {@code src} at {@code off}. */
    public void write(long off, ByteBuffer src) throws IOException {
        long start = off;
        while (src.hasRemaining()) {
            off += file.write(src, off);
        }
        mark(start, off - start);
    }

    /** Writes the next {@code len} bytes received on {@code wire} at {@code off} (see {@link PayloadToFile}). */
    public void write(long off, WireChannel wire, int len) throws IOException {
        PayloadToFile.move(wire, file, off, len);
        mark(off, len);
    }

    private void mark(long off, long len) {
        if (len <= 0) {
            return;
        }
        long g = off >>> shift;
        long last = (off + len - 1) >>> shift;
        while (g <= last) {
            int w = (int) (g >>> 6);
            int hi = (int) Math.min(63, last - (g & ~63L));
            long mask = (hi == 63 ? -1L : (1L << (hi + 1)) - 1) & (-1L << g);
            long old = written.get(w);
            while ((old & mask) != mask && !written.compareAndSet(w, old, old | mask)) {
                old = written.get(w);
            }
            g = (g | 63) + 1;
        }
    }

    /** Makes {@code [off, off+len)} read as zeros; whole granules become holes again. */
    public synchronized void zero(long off, long len) throws IOException {
        long end = off + len;
        while (off < end) {
            long g = off >>> shift;
            long gEnd = Math.min(end, (g + 1) << shift);
            boolean whole = (off & ((1L << shift) - 1)) == 0 && gEnd == (g + 1) << shift;
            if (isWritten(off)) {
                if (whole) {
                    clear(g);
                }
                fill(off, gEnd - off);
            }
            off = gEnd;
        }
    }

    private void clear(long g) {
        int w = (int) (g >>> 6);
        long bit = 1L << g;
        long old = written.get(w);
        while (!written.compareAndSet(w, old, old & ~bit)) {
            old = written.get(w);
        }
    }

    private void fill(long off, long len) throws IOException {
        while (len > 0) {
            int k = (int) Math.min(len, zeros.capacity());
            zeros.limit(k).position(0);
            while (zeros.hasRemaining()) {
                off += file.write(zeros, off);
            }
            len -= k;
        }
    }

    /** Bytes in written granules. */
    public long writtenBytes() {
        long n = 0;
        for (int i = 0; i < written.length(); i++) {
            n += Long.bitCount(written.get(i));
        }
        return Math.min(size, n << shift);
    }

    /** Closes (and so frees) the file. Never throws. */
    @Override
    public void close() {
        try {
            file.close();
            raf.close();
        } catch (IOException e) {
            // the file is unlinked: closing frees it whatever happens here
        }
        if (deleteAtClose != null) {
            try {
                Files.deleteIfExists(deleteAtClose);
            } catch (IOException e) {
                // deleteOnExit still holds
            }
        }
    }
}
