package dev.jfio.run;

import dev.jfio.job.Buffers;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoOp;
import dev.jfio.workload.Rng;
import java.nio.ByteBuffer;

/**
 * What write buffers hold, as fio's {@code fill_io_buffer} and {@code small_content_scramble} make
 * them: compressible and dedupable contents ({@code buffer_compress_percentage},
 * {@code dedupe_percentage}), {@code buffer_pattern}, {@code zero_buffers} or random data, refilled
 * for each write with {@code refill_buffers}, or else scrambled ({@code scramble_buffers}).
 *
 * <p>A shaped buffer (compress or dedupe) is the function of one 64-bit page seed: the k-th unique
 * buffer of a job has seed k of the job's buffer stream, a {@code repeat} duplicate takes the last
 * unique buffer's seed, a {@code working_set} duplicate the seed of one of the job's first unique
 * buffers (with {@code dedupe_global}, of pages derived from the run's seed, the same in every job
 * that sets it). Job thread only; filling allocates nothing.
 */
final class BufferFill {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final int SCRAMBLE_BLOCK = 512;

    private final boolean zero;
    private final byte[] pattern;
    private final boolean refillEachWrite;
    private final boolean scramble;
    private final boolean shaped;
    private final int compress;
    private final int chunk;
    private final int minWrite;
    private final int dedupe;
    private final boolean workingSet;
    private final long workingSetPages;
    private final long uniqueBase;
    private final long workingSetBase;
    /** Random contents (unshaped) or the current page's contents (shaped). */
    private final Rng rng;
    /** Whether a buffer is a duplicate, and which working-set page it repeats. */
    private final Rng dedupeRng;

    private long uniquePages;
    private long lastUniqueSeed;

    BufferFill(JobSpec spec, Seeds seeds) {
        Buffers b = spec.buffers();
        this.zero = b.zero();
        byte[] p = b.pattern();
        this.pattern = p != null && p.length > 0 ? p : null;
        this.refillEachWrite = b.refill();
        this.scramble = b.scramble();
        this.shaped = b.shaped();
        this.compress = b.compressPercentage();
        this.chunk = b.compressChunk();
        this.minWrite = Math.max(1, spec.bs(IoOp.WRITE).min());
        this.dedupe = b.dedupe().percentage();
        this.workingSet = b.dedupe().workingSet();
        long size = Math.max(spec.region().size(), minWrite);
        this.workingSetPages = Math.max(1, size * b.dedupe().workingSetPercentage() / 100 / minWrite);
        long stream = seeds.stream(Rng.STREAM_BUFFER);
        this.uniqueBase = Rng.mix64(stream + 1);
        this.workingSetBase = b.dedupe().global()
                ? Rng.mix64(Rng.seedFor(spec.randomness().randseed(), 0, 0, Rng.STREAM_BUFFER) + 2)
                : uniqueBase;
        this.rng = new Rng(stream);
        this.dedupeRng = new Rng(Rng.mix64(stream + 3));
        this.lastUniqueSeed = pageSeed(uniqueBase, 0);
    }

    /** Whether each write's buffer gets new contents before it is queued. */
    boolean refillsEachWrite() {
        return refillEachWrite;
    }

    /** Whether each write scrambles its reused buffer a little (fio's scramble_buffers as it applies). */
    boolean scrambles() {
        return scramble;
    }

    /** Fills a new buffer as fio's io_u setup does. */
    void initial(ByteBuffer buffer) {
        refill(buffer, buffer.capacity());
    }

    /**
     * Prepares a write's buffer: new contents with refill_buffers, else the scramble; allocates nothing.
     *
     * @param nanos the loop's clock, written into each 512-byte block with the offset when scrambling
     */
    void beforeWrite(ByteBuffer buffer, long offset, int length, long nanos) {
        if (refillEachWrite) {
            refill(buffer, length);
        } else if (scramble) {
            scramble(buffer, offset, length, nanos);
        }
    }

    /** New contents in the first {@code length} bytes, in fio's order: shaped, pattern, zeros, random. */
    void refill(ByteBuffer buffer, int length) {
        if (shaped) {
            fillShaped(buffer, length, nextPageSeed());
        } else if (pattern != null) {
            fillPattern(buffer, 0, length);
        } else if (zero) {
            fillZero(buffer, 0, length);
        } else {
            fillRandom(buffer, 0, length);
        }
    }

    /**
     * fio's small_content_scramble: in each whole 512-byte block, the block's offset at one of its
     * eight 64-byte lines (chosen from the time and the offset), and the time in bytes 48..63.
     */
    void scramble(ByteBuffer buffer, long offset, int length, long nanos) {
        int blocks = length / SCRAMBLE_BLOCK;
        long sec = nanos / 1_000_000_000L;
        long nsec = nanos % 1_000_000_000L;
        int line = (int) ((nsec ^ offset) & 7) << 6;
        for (int i = 0; i < blocks; i++) {
            int at = i * SCRAMBLE_BLOCK;
            buffer.putLong(at + line, offset + at);
            buffer.putLong(at + 48, sec);
            buffer.putLong(at + 56, nsec);
        }
    }

    private long nextPageSeed() {
        if (dedupe == 100) {
            return pageSeed(uniqueBase, 0);
        }
        if (dedupe > 0 && dedupeRng.nextInt(100) < dedupe) {
            return workingSet ? pageSeed(workingSetBase, dedupeRng.nextLong(workingSetPages)) : lastUniqueSeed;
        }
        lastUniqueSeed = pageSeed(uniqueBase, uniquePages++);
        return lastUniqueSeed;
    }

    private static long pageSeed(long base, long page) {
        return Rng.mix64(base + page * GOLDEN_GAMMA);
    }

    /** fio's fill_random_buf_percentage, chunk by chunk: random bytes, then compress% of fixed ones. */
    private void fillShaped(ByteBuffer buffer, int length, long seed) {
        rng.setSeed(seed);
        int pos = 0;
        while (pos < length) {
            int left = length - pos;
            int min = Math.min(minWrite, left);
            int thisWrite = chunk == 0 ? min : Math.min(min, chunk);
            int random = (int) ((long) thisWrite * (100 - compress) / 100);
            fillRandom(buffer, pos, random);
            if (pattern != null) {
                fillPattern(buffer, pos + random, thisWrite - random);
            } else {
                fillZero(buffer, pos + random, thisWrite - random);
            }
            pos += thisWrite;
        }
    }

    private void fillRandom(ByteBuffer buffer, int from, int length) {
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            buffer.putLong(i, rng.nextLong());
        }
        if (i < end) {
            long r = rng.nextLong();
            for (; i < end; i++, r >>>= 8) {
                buffer.put(i, (byte) r);
            }
        }
    }

    /** The pattern from its first byte at {@code from}, as fio's cpy_pattern. */
    private void fillPattern(ByteBuffer buffer, int from, int length) {
        for (int i = 0; i < length; i++) {
            buffer.put(from + i, pattern[i % pattern.length]);
        }
    }

    private static void fillZero(ByteBuffer buffer, int from, int length) {
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            buffer.putLong(i, 0L);
        }
        for (; i < end; i++) {
            buffer.put(i, (byte) 0);
        }
    }
}
