package dev.jfio.run;

import java.nio.ByteBuffer;

/** Direct buffers aligned to the page size, as O_DIRECT needs and the JDK does not give by default. */
final class AlignedBuffers {
    /** The alignment used for every I/O buffer; 4096 covers the page size and sector sizes seen in practice. */
    static final int ALIGNMENT = 4096;

    private AlignedBuffers() {}

    /** A direct buffer of exactly {@code capacity} bytes whose address is a multiple of {@link #ALIGNMENT}. */
    static ByteBuffer allocate(int capacity) {
        // alignedSlice rounds the start up and the end down: give it a whole number of pages to keep
        int pages = (capacity + ALIGNMENT - 1) / ALIGNMENT;
        ByteBuffer raw = ByteBuffer.allocateDirect((pages + 1) * ALIGNMENT);
        ByteBuffer aligned = raw.alignedSlice(ALIGNMENT);
        aligned.limit(capacity);
        return aligned.slice();
    }
}
