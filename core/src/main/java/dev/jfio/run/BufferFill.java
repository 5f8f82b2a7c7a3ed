package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.workload.Rng;
import java.nio.ByteBuffer;

/** What write buffers hold: fio's zero_buffers, buffer_pattern, or random data (refill_buffers: new for each write). */
final class BufferFill {
    private final boolean zero;
    private final byte[] pattern;
    private final boolean refillEachWrite;
    private final Rng rng;

    BufferFill(JobSpec spec, Seeds seeds) {
        this.zero = spec.buffers().zero();
        this.pattern = spec.buffers().pattern();
        this.refillEachWrite = spec.buffers().refill() && !zero && pattern == null;
        this.rng = new Rng(seeds.stream(Rng.STREAM_BUFFER));
    }

    /** Whether each write's buffer gets fresh random data before it is queued. */
    boolean refillsEachWrite() {
        return refillEachWrite;
    }

    /** Fills a new buffer: zeros, the pattern, or random data. */
    void initial(ByteBuffer buffer) {
        if (zero) {
            return;
        }
        if (pattern != null && pattern.length > 0) {
            for (int i = 0; i < buffer.capacity(); i++) {
                buffer.put(i, pattern[i % pattern.length]);
            }
            return;
        }
        refill(buffer, buffer.capacity());
    }

    /** Random data into the first {@code length} bytes; allocates nothing. */
    void refill(ByteBuffer buffer, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            buffer.putLong(i, rng.nextLong());
        }
        for (; i < length; i++) {
            buffer.put(i, (byte) rng.nextLong());
        }
    }
}
