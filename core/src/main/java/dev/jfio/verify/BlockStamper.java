package dev.jfio.verify;

import java.nio.ByteBuffer;

/**
 * Fills write buffers with verifiable content, as fio's verify does.
 *
 * <p>A block is cut into verify intervals ({@code interval} bytes each; 0 means the whole block is
 * one interval). With a header mode every interval starts with this little-endian header:
 * <pre>
 *  0  u16 magic 0xacca     8  u64 seed        24 u64 sequence    36 u32 crc32c of bytes 0..35
 *  2  u16 mode             16 u64 offset      32 u32 job         40 checksum of the data (0..32 bytes)
 *  4  u32 interval length
 * </pre>
 * followed by data: {@code verify_pattern} (repeated from the block's first byte) when one is set,
 * else pseudo-random bytes that are a pure function of {@code seed}, itself a function of
 * {@code (jobSeed, interval offset, sequence)}, so the expected content of any block can be
 * regenerated. With {@code headerOffset} the header is then swapped with the bytes at that offset
 * of the interval (fio's {@code verify_offset}). An interval at the end of a block that is shorter
 * than the header holds data only and is not checked. {@link VerifyMode#PATTERN} writes the pattern
 * alone; {@link VerifyMode#NULL} pseudo-random data alone.
 *
 * <p>Not thread-safe: one instance per job thread. {@link #stamp} allocates nothing.
 */
public final class BlockStamper {
    static final int MAGIC = 0xacca;
    static final int OFF_MAGIC = 0;
    static final int OFF_MODE = 2;
    static final int OFF_LENGTH = 4;
    static final int OFF_SEED = 8;
    static final int OFF_OFFSET = 16;
    static final int OFF_SEQUENCE = 24;
    static final int OFF_JOB = 32;
    static final int OFF_HEADER_CRC = 36;
    static final int OFF_CHECKSUM = 40;

    private final VerifyMode mode;
    private final byte[] pattern;
    private final int interval;
    private final int headerOffset;
    private final long jobSeed;
    private final int jobNumber;
    private final int headerSize;
    private final Checksummer checksummer;
    private final byte[] sum = new byte[32];

    /**
     * @param mode         how blocks are verified; not {@link VerifyMode#NONE}
     * @param pattern      {@code verify_pattern} bytes, or null; required by {@link VerifyMode#PATTERN}
     * @param interval     {@code verify_interval}: bytes per header, 0 for one header per block;
     *                     at least the mode's header size otherwise
     * @param headerOffset {@code verify_offset}: 0, or at least the header size (the swapped ranges
     *                     must not overlap)
     * @param jobSeed      the job's seed: the same seed regenerates the same content
     * @param jobNumber    the job's number, stored in each header and checked on read
     * @throws IllegalArgumentException when the arguments do not fit together (one-line message)
     */
    public BlockStamper(VerifyMode mode, byte[] pattern, int interval, int headerOffset, long jobSeed, int jobNumber) {
        if (mode == null || mode == VerifyMode.NONE) {
            throw new IllegalArgumentException("a block stamper needs a verify mode other than none");
        }
        if (pattern != null && pattern.length == 0) {
            pattern = null;
        }
        if (mode == VerifyMode.PATTERN && pattern == null) {
            throw new IllegalArgumentException("verify=pattern needs verify_pattern");
        }
        if (interval < 0) {
            throw new IllegalArgumentException("verify_interval must not be negative, got " + interval);
        }
        headerSize = mode.headerSize();
        if (interval > 0 && interval < headerSize) {
            throw new IllegalArgumentException("verify_interval " + interval + " is smaller than the " + headerSize
                    + "-byte verify header of verify=" + mode.text());
        }
        if (headerOffset < 0) {
            throw new IllegalArgumentException("verify_offset must not be negative, got " + headerOffset);
        }
        if (headerOffset > 0 && mode.hasHeader() && headerOffset < headerSize) {
            throw new IllegalArgumentException("verify_offset " + headerOffset + " is smaller than the " + headerSize
                    + "-byte verify header of verify=" + mode.text());
        }
        if (headerOffset > 0 && interval > 0 && mode.hasHeader() && headerOffset + headerSize > interval) {
            throw new IllegalArgumentException("verify_offset " + headerOffset + " puts the " + headerSize
                    + "-byte verify header beyond verify_interval " + interval);
        }
        this.mode = mode;
        this.pattern = pattern == null ? null : pattern.clone();
        this.interval = interval;
        this.headerOffset = mode.hasHeader() ? headerOffset : 0;
        this.jobSeed = jobSeed;
        this.jobNumber = jobNumber;
        this.checksummer = new Checksummer(mode);
    }

    /**
     * Fills {@code buffer[0, length)} (absolute indexes; position, limit and byte order are left
     * as they are) with the content of the block written at {@code offset} as the
     * {@code sequence}-th write of the job.
     *
     * @throws IllegalArgumentException when {@code length} exceeds the buffer's capacity, or when
     *         {@code verify_offset} does not fit in an interval of this block
     */
    public void stamp(ByteBuffer buffer, int length, long offset, long sequence) {
        if (length < 0 || length > buffer.capacity()) {
            throw new IllegalArgumentException(
                    "block length " + length + " does not fit a buffer of " + buffer.capacity() + " bytes");
        }
        if (!mode.hasHeader()) {
            if (pattern != null) {
                fillPattern(buffer, 0, length);
            } else {
                fillRandom(buffer, 0, length, seedFor(jobSeed, offset, sequence));
            }
            return;
        }
        if (pattern != null) {
            fillPattern(buffer, 0, length);
        }
        int step = interval > 0 ? interval : length;
        for (int p = 0; p < length; p += step) {
            int len = Math.min(step, length - p);
            long seed = seedFor(jobSeed, offset + p, sequence);
            if (len < headerSize) {
                if (pattern == null) {
                    fillRandom(buffer, p, p + len, seed);
                }
                continue;
            }
            if (headerOffset > 0 && headerOffset + headerSize > len) {
                throw new IllegalArgumentException("verify_offset " + headerOffset + " puts the " + headerSize
                        + "-byte verify header beyond a " + len + "-byte interval");
            }
            if (pattern == null) {
                fillRandom(buffer, p + headerSize, p + len, seed);
            }
            writeHeader(buffer, p, len, offset + p, sequence, seed);
            if (headerOffset > 0) {
                swap(buffer, p, p + headerOffset, headerSize);
            }
        }
    }

    private void writeHeader(ByteBuffer b, int p, int len, long intervalOffset, long sequence, long seed) {
        LittleEndian.putShort(b, p + OFF_MAGIC, MAGIC);
        LittleEndian.putShort(b, p + OFF_MODE, mode.code());
        LittleEndian.putInt(b, p + OFF_LENGTH, len);
        LittleEndian.putLong(b, p + OFF_SEED, seed);
        LittleEndian.putLong(b, p + OFF_OFFSET, intervalOffset);
        LittleEndian.putLong(b, p + OFF_SEQUENCE, sequence);
        LittleEndian.putInt(b, p + OFF_JOB, jobNumber);
        if (mode.hasChecksum()) {
            checksummer.compute(b, p + headerSize, p + len, sum);
            for (int i = 0; i < mode.checksumLength(); i++) {
                b.put(p + OFF_CHECKSUM + i, sum[i]);
            }
        }
        LittleEndian.putInt(b, p + OFF_HEADER_CRC, checksummer.crc32c(b, p, p + OFF_HEADER_CRC));
    }

    /** Fills {@code [from, to)} with the pattern, in phase with the block's first byte. */
    private void fillPattern(ByteBuffer b, int from, int to) {
        byte[] pat = pattern;
        int n = pat.length;
        for (int i = from; i < to; i++) {
            b.put(i, pat[i % n]);
        }
    }

    /** The data seed of the interval at {@code intervalOffset} written as write {@code sequence}. */
    static long seedFor(long jobSeed, long intervalOffset, long sequence) {
        return mix(jobSeed * 0x9E3779B97F4A7C15L ^ mix(intervalOffset ^ mix(sequence + 0x632BE59BD9B4E019L)));
    }

    /** splitmix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code [from, to)} with splitmix64's output from {@code seed}. */
    static void fillRandom(ByteBuffer b, int from, int to, long seed) {
        long state = seed;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            state += 0x9E3779B97F4A7C15L;
            LittleEndian.putLong(b, p, mix(state));
        }
        if (p < to) {
            state += 0x9E3779B97F4A7C15L;
            long v = mix(state);
            for (; p < to; p++) {
                b.put(p, (byte) v);
                v >>>= 8;
            }
        }
    }

    static void swap(ByteBuffer b, int x, int y, int n) {
        for (int i = 0; i < n; i++) {
            byte t = b.get(x + i);
            b.put(x + i, b.get(y + i));
            b.put(y + i, t);
        }
    }

    VerifyMode mode() {
        return mode;
    }

    byte[] pattern() {
        return pattern;
    }

    int interval() {
        return interval;
    }

    int headerOffset() {
        return headerOffset;
    }

    long jobSeed() {
        return jobSeed;
    }

    int jobNumber() {
        return jobNumber;
    }

    Checksummer checksummer() {
        return checksummer;
    }
}
