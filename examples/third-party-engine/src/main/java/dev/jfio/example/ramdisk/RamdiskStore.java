package dev.jfio.example.ramdisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one in-memory disk, in 1 MiB pages allocated on first write, so a large disk costs
 * only what is written; reads of pages never written return zeros. Apart from that first touch,
 * nothing allocates.
 *
 * <p>Thread contract: not thread-safe; one job clone's thread uses it.
 */
final class RamdiskStore {
    private static final int PAGE_SHIFT = 20;
    private static final int PAGE = 1 << PAGE_SHIFT;

    private final long size;
    private final byte[][] pages;

    private RamdiskStore(long size, int pageCount) {
        this.size = size;
        this.pages = new byte[pageCount][];
    }

    /** A disk of {@code size} bytes, or an IOException when it cannot be addressed. */
    static RamdiskStore of(long size) throws IOException {
        long pageCount = (size + PAGE - 1) >> PAGE_SHIFT;
        if (pageCount > Integer.MAX_VALUE) {
            throw new IOException("ramdisk_size " + size + " is too large");
        }
        return new RamdiskStore(size, (int) pageCount);
    }

    long size() {
        return size;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code buffer} from index 0. */
    void read(ByteBuffer buffer, long offset, int length) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int inPage = (int) (position & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            byte[] page = pages[(int) (position >> PAGE_SHIFT)];
            if (page == null) {
                for (int i = 0; i < n; i++) {
                    buffer.put(done + i, (byte) 0);
                }
            } else {
                buffer.put(done, page, inPage, n);
            }
            done += n;
        }
    }

    /** Copies {@code length} bytes from index 0 of {@code buffer} to {@code offset}. */
    void write(ByteBuffer buffer, long offset, int length) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int pageIndex = (int) (position >> PAGE_SHIFT);
            int inPage = (int) (position & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            if (pages[pageIndex] == null) {
                pages[pageIndex] = new byte[PAGE];
            }
            buffer.get(done, pages[pageIndex], inPage, n);
            done += n;
        }
    }

    /** Makes {@code length} bytes at {@code offset} read as zeros. */
    void zero(long offset, int length) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int pageIndex = (int) (position >> PAGE_SHIFT);
            int inPage = (int) (position & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            if (pages[pageIndex] != null) {
                Arrays.fill(pages[pageIndex], inPage, inPage + n, (byte) 0);
            }
            done += n;
        }
    }
}
