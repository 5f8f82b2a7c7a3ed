package dev.jfio.verify;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Checks blocks read back against what a {@link BlockStamper} with the same arguments wrote.
 * Checks, per interval and in this order (fio's, with the header crc moved up so that a damaged
 * header is called damaged): magic, header crc32c, mode, length, offset, job, sequence (when one
 * is expected), seed, then the data's checksum ({@link VerifyMode#META} stops before it, as fio's
 * header-only verify does). {@link VerifyMode#PATTERN} compares every byte with the pattern.
 *
 * <p>Not thread-safe: one instance per job thread. A block that verifies costs no allocation; a
 * failure allocates its {@link VerifyFailure} (and, the first time, a scratch buffer).
 */
public final class BlockChecker {
    private final BlockStamper stamper;
    private final VerifyMode mode;
    private final int headerSize;
    private final byte[] sum = new byte[32];
    private final byte[] stored = new byte[32];
    private ByteBuffer scratch;

    // the first failure of the block being checked
    private VerifyFailure.Kind failKind;
    private int failPosition;
    private long failExpected;
    private long failActual;

    /** Takes the arguments of the {@link BlockStamper#BlockStamper stamper} whose blocks it checks. */
    public BlockChecker(VerifyMode mode, byte[] pattern, int interval, int headerOffset, long jobSeed, int jobNumber) {
        this.stamper = new BlockStamper(mode, pattern, interval, headerOffset, jobSeed, jobNumber);
        this.mode = mode;
        this.headerSize = mode.headerSize();
    }

    /**
     * Checks {@code buffer[0, length)} (absolute indexes), read from {@code offset} of
     * {@code targetName}. The buffer's content, position, limit and order are as they were when
     * this returns.
     *
     * @param expectedSequence the sequence number of the write that should be there, or -1 to
     *                         accept any (fio skips this check for verify_only, time_based and
     *                         variable block sizes)
     * @return null when the block verifies, else what is wrong with it
     */
    public VerifyFailure check(ByteBuffer buffer, int length, long offset, long expectedSequence, String targetName) {
        if (length < 0 || length > buffer.capacity()) {
            throw new IllegalArgumentException(
                    "block length " + length + " does not fit a buffer of " + buffer.capacity() + " bytes");
        }
        switch (mode) {
            case NULL:
            case NONE:
                return null;
            case PATTERN:
                return checkPattern(buffer, length, offset, targetName);
            default:
                break;
        }
        int step = stamper.interval() > 0 ? stamper.interval() : length;
        int headerOffset = stamper.headerOffset();
        if (headerOffset > 0) {
            swapAll(buffer, length, step);
        }
        failKind = null;
        long headerSequence = length >= headerSize ? LittleEndian.getLong(buffer, BlockStamper.OFF_SEQUENCE) : 0;
        for (int p = 0; p < length && failKind == null; p += step) {
            int len = Math.min(step, length - p);
            if (len >= headerSize) {
                checkInterval(buffer, p, len, offset + p, expectedSequence);
            }
        }
        if (headerOffset > 0) {
            swapAll(buffer, length, step);
        }
        if (failKind == null) {
            return null;
        }
        long sequence = expectedSequence >= 0 ? expectedSequence : headerSequence;
        int differing = countDifferences(buffer, length, offset, sequence);
        return new VerifyFailure(
                targetName,
                offset,
                length,
                mode,
                failKind,
                describeExpected(),
                describeActual(),
                failPosition,
                differing);
    }

    /**
     * Fills {@code out[0, length)} with what was written to a block that failed {@link #check}
     * (verify_dump's expected data): the content of the expected write, or of the write the
     * failing interval's header names when any was acceptable. Allocates nothing.
     *
     * @param read     the block as read, as {@link #check} left it
     * @param position the failing interval's start ({@link VerifyFailure#position()})
     */
    public void expected(
            ByteBuffer read, int length, long offset, long expectedSequence, int position, ByteBuffer out) {
        long sequence = expectedSequence;
        if (sequence < 0 && mode.hasHeader()) {
            int at = position + stamper.headerOffset() + BlockStamper.OFF_SEQUENCE;
            sequence = at + 8 <= length ? LittleEndian.getLong(read, at) : 0;
        }
        stamper.stamp(out, length, offset, Math.max(sequence, 0));
    }

    /** verify_interval, or 0 for one header per block. */
    public int interval() {
        return stamper.interval();
    }

    private void checkInterval(ByteBuffer b, int p, int len, long intervalOffset, long expectedSequence) {
        int magic = LittleEndian.getUnsignedShort(b, p + BlockStamper.OFF_MAGIC);
        if (magic != BlockStamper.MAGIC) {
            fail(VerifyFailure.Kind.BAD_MAGIC, p, BlockStamper.MAGIC, magic);
            return;
        }
        int storedCrc = LittleEndian.getInt(b, p + BlockStamper.OFF_HEADER_CRC);
        int crc = stamper.checksummer().crc32c(b, p, p + BlockStamper.OFF_HEADER_CRC);
        if (crc != storedCrc) {
            fail(VerifyFailure.Kind.HEADER_CRC, p, crc & 0xFFFFFFFFL, storedCrc & 0xFFFFFFFFL);
            return;
        }
        int code = LittleEndian.getUnsignedShort(b, p + BlockStamper.OFF_MODE);
        if (code != mode.code()) {
            fail(VerifyFailure.Kind.MODE, p, mode.code(), code);
            return;
        }
        int headerLength = LittleEndian.getInt(b, p + BlockStamper.OFF_LENGTH);
        if (headerLength != len) {
            fail(VerifyFailure.Kind.LENGTH, p, len, headerLength & 0xFFFFFFFFL);
            return;
        }
        long headerOffset = LittleEndian.getLong(b, p + BlockStamper.OFF_OFFSET);
        if (headerOffset != intervalOffset) {
            fail(VerifyFailure.Kind.OFFSET, p, intervalOffset, headerOffset);
            return;
        }
        int job = LittleEndian.getInt(b, p + BlockStamper.OFF_JOB);
        if (job != stamper.jobNumber()) {
            fail(VerifyFailure.Kind.JOB, p, stamper.jobNumber(), job);
            return;
        }
        long sequence = LittleEndian.getLong(b, p + BlockStamper.OFF_SEQUENCE);
        if (expectedSequence >= 0 && sequence != expectedSequence) {
            fail(VerifyFailure.Kind.SEQUENCE, p, expectedSequence, sequence);
            return;
        }
        long seed = LittleEndian.getLong(b, p + BlockStamper.OFF_SEED);
        long expectedSeed = BlockStamper.seedFor(stamper.jobSeed(), intervalOffset, sequence);
        if (seed != expectedSeed) {
            fail(VerifyFailure.Kind.SEED, p, expectedSeed, seed);
            return;
        }
        if (mode.hasChecksum()) {
            stamper.checksummer().compute(b, p + headerSize, p + len, sum);
            int n = mode.checksumLength();
            boolean same = true;
            for (int i = 0; i < n; i++) {
                if (b.get(p + BlockStamper.OFF_CHECKSUM + i) != sum[i]) {
                    same = false;
                    break;
                }
            }
            if (!same) {
                for (int i = 0; i < n; i++) {
                    stored[i] = b.get(p + BlockStamper.OFF_CHECKSUM + i);
                }
                fail(VerifyFailure.Kind.CHECKSUM, p, 0, 0);
            }
        }
    }

    private void fail(VerifyFailure.Kind kind, int position, long expected, long actual) {
        failKind = kind;
        failPosition = position;
        failExpected = expected;
        failActual = actual;
    }

    private VerifyFailure checkPattern(ByteBuffer b, int length, long offset, String targetName) {
        byte[] pat = stamper.pattern();
        int n = pat.length;
        int first = -1;
        int differing = 0;
        for (int i = 0; i < length; i++) {
            if (b.get(i) != pat[i % n]) {
                if (first < 0) {
                    first = i;
                }
                differing++;
            }
        }
        if (first < 0) {
            return null;
        }
        return new VerifyFailure(
                targetName,
                offset,
                length,
                mode,
                VerifyFailure.Kind.PATTERN,
                String.format(Locale.ROOT, "pattern byte 0x%02x", pat[first % n] & 0xff),
                String.format(Locale.ROOT, "0x%02x", b.get(first) & 0xff),
                first,
                differing);
    }

    private void swapAll(ByteBuffer b, int length, int step) {
        int headerOffset = stamper.headerOffset();
        for (int p = 0; p < length; p += step) {
            int len = Math.min(step, length - p);
            if (len >= headerSize && headerOffset + headerSize <= len) {
                BlockStamper.swap(b, p, p + headerOffset, headerSize);
            }
        }
    }

    private int countDifferences(ByteBuffer b, int length, long offset, long sequence) {
        if (scratch == null || scratch.capacity() < length) {
            scratch = ByteBuffer.allocate(length);
        }
        stamper.stamp(scratch, length, offset, sequence);
        int differing = 0;
        for (int i = 0; i < length; i++) {
            if (b.get(i) != scratch.get(i)) {
                differing++;
            }
        }
        return differing;
    }

    private String describeExpected() {
        switch (failKind) {
            case BAD_MAGIC:
                return String.format(Locale.ROOT, "magic 0x%04x", failExpected);
            case HEADER_CRC:
                return String.format(Locale.ROOT, "header crc32c 0x%08x", failExpected);
            case MODE:
                return "mode " + mode.text();
            case SEED:
                return String.format(Locale.ROOT, "header seed 0x%016x", failExpected);
            case CHECKSUM:
                return mode.text() + " " + checksumText(stored);
            default:
                // LENGTH, OFFSET, JOB, SEQUENCE: "header offset 4096"
                return "header " + failKind.name().toLowerCase(Locale.ROOT) + " " + failExpected;
        }
    }

    private String describeActual() {
        switch (failKind) {
            case BAD_MAGIC:
                return String.format(Locale.ROOT, "0x%04x", failActual);
            case HEADER_CRC:
                return String.format(Locale.ROOT, "0x%08x", failActual);
            case MODE: {
                VerifyMode other = VerifyMode.ofCode((int) failActual);
                return other != null ? other.text() : String.format(Locale.ROOT, "0x%04x", failActual);
            }
            case SEED:
                return String.format(Locale.ROOT, "0x%016x", failActual);
            case CHECKSUM:
                return checksumText(sum);
            default:
                return Long.toString(failActual);
        }
    }

    /** crc32c and xxhash as the integer they are, digests as hex bytes. */
    private String checksumText(byte[] bytes) {
        int n = mode.checksumLength();
        if (mode == VerifyMode.CRC32C || mode == VerifyMode.XXHASH) {
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = v << 8 | (bytes[i] & 0xff);
            }
            return n == 4 ? String.format(Locale.ROOT, "0x%08x", v) : String.format(Locale.ROOT, "0x%016x", v);
        }
        StringBuilder sb = new StringBuilder(2 * n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
