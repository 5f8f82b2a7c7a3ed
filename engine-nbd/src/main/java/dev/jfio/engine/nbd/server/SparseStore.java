package dev.jfio.engine.nbd.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sparse memory behind the embedded server: fixed-size chunks allocated on first write, so an
 * export of 1 GiB costs only what is written. Unwritten chunks read as zeros (holes).
 *
 * <p>Thread contract: safe for concurrent use; chunk allocation is atomic. Concurrent writes to
 * the same bytes race as they would on a disk.
 */
public final class SparseStore {
    /** Chunk size: 256 KiB. */
    public static final int CHUNK_SHIFT = 18;
    public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

    private final long size;
    private final AtomicReferenceArray<byte[]> chunks;

    public SparseStore(long size) {
        long n = (size + CHUNK_SIZE - 1) >>> CHUNK_SHIFT;
        if (size < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("embedded NBD export size " + size + " is out of range");
        }
        this.size = size;
        this.chunks = new AtomicReferenceArray<>((int) n);
    }

    public long size() { return size; }

    /** The chunk holding byte {@code off}, or null when it was never written. */
    public byte[] chunkAt(long off) {
        return chunks.get((int) (off >>> CHUNK_SHIFT));
    }

    /** The chunk holding byte {@code off}, allocated (zeroed) if needed. */
    public byte[] chunkForWrite(long off) {
        int i = (int) (off >>> CHUNK_SHIFT);
        byte[] c = chunks.get(i);
        if (c == null) {
            byte[] fresh = new byte[CHUNK_SIZE];
            c = chunks.compareAndSet(i, null, fresh) ? fresh : chunks.get(i);
        }
        return c;
    }

    /** Copies {@code len} bytes at {@code off} into {@code dst} at its position (holes as zeros). */
    public void read(long off, ByteBuffer dst, int len) {
        while (len > 0) {
            int in = (int) (off & (CHUNK_SIZE - 1));
            int k = Math.min(len, CHUNK_SIZE - in);
            byte[] c = chunkAt(off);
            if (c == null) {
                for (int i = 0; i < k; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(c, in, k);
            }
            off += k;
            len -= k;
        }
    }

    /** Copies {@code len} bytes from {@code src} (at its position) to {@code off}. */
    public void write(long off, ByteBuffer src, int len) {
        while (len > 0) {
            int in = (int) (off & (CHUNK_SIZE - 1));
            int k = Math.min(len, CHUNK_SIZE - in);
            src.get(chunkForWrite(off), in, k);
            off += k;
            len -= k;
        }
    }

    /** Makes {@code [off, off+len)} read as zeros, dropping whole chunks. */
    public void zero(long off, long len) {
        while (len > 0) {
            int in = (int) (off & (CHUNK_SIZE - 1));
            int k = (int) Math.min(len, CHUNK_SIZE - in);
            int i = (int) (off >>> CHUNK_SHIFT);
            if (k == CHUNK_SIZE) {
                chunks.set(i, null);
            } else {
                byte[] c = chunks.get(i);
                if (c != null) {
                    Arrays.fill(c, in, in + k, (byte) 0);
                }
            }
            off += k;
            len -= k;
        }
    }

    /** Bytes of memory held by written chunks. */
    public long allocatedBytes() {
        long n = 0;
        for (int i = 0; i < chunks.length(); i++) {
            if (chunks.get(i) != null) {
                n += CHUNK_SIZE;
            }
        }
        return n;
    }
}
