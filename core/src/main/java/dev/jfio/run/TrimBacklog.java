package dev.jfio.run;

import dev.jfio.job.VerifySettings;
import dev.jfio.spi.IoUnit;
import dev.jfio.verify.VerifyFailure;
import dev.jfio.verify.VerifyMode;
import dev.jfio.workload.Rng;

/**
 * trim_percentage (fio's trim.c): each written block is chosen for trimming with that probability;
 * every trim_backlog written blocks, the oldest trim_backlog_batch chosen blocks are trimmed. A
 * trimmed block stays in the verify list, to read back as zeroes (trim_verify_zero, the default),
 * or leaves it. The chosen blocks wait in a ring preallocated to the region's block count.
 * Job thread only; allocation-free unless a trimmed block fails its check.
 */
final class TrimBacklog {
    /** The sequence a trimmed block carries in the verify list: it must read back as zeroes. */
    static final long TRIMMED = Long.MIN_VALUE;

    private final Rng rng;
    private final int percentage;
    private final long backlog;
    private final long batch;
    private final boolean verifyZero;
    private final VerifyMode mode;
    private final int[] targets;
    private final long[] offsets;
    private final int[] lengths;
    private int head;
    private int size;
    private long writtenBlocks;

    TrimBacklog(VerifySettings.Trim trim, VerifyMode mode, long seed, long[] regionLength, int minBlockSize) {
        long capacity = 0;
        for (long length : regionLength) {
            capacity += (length + minBlockSize - 1) / minBlockSize;
        }
        int n = (int) Math.min(capacity, Integer.MAX_VALUE - 8);
        this.rng = new Rng(seed);
        this.percentage = trim.percentage();
        this.backlog = trim.backlog();
        this.batch = trim.batch();
        this.verifyZero = trim.verifyZero();
        this.mode = mode;
        this.targets = new int[n];
        this.offsets = new long[n];
        this.lengths = new int[n];
    }

    /** A written block joined the verify list; true when a trim batch is due. */
    boolean written(int target, long offset, int length) {
        if (size < targets.length && rng.nextInt(100) < percentage) {
            int at = (head + size) % targets.length;
            targets[at] = target;
            offsets[at] = offset;
            lengths[at] = length;
            size++;
        }
        return ++writtenBlocks % backlog == 0 && size > 0;
    }

    /** How many chosen blocks the due batch trims. */
    int batchSize() {
        return (int) Math.min(batch, size);
    }

    int targetAt(int k) {
        return targets[(head + k) % targets.length];
    }

    long offsetAt(int k) {
        return offsets[(head + k) % targets.length];
    }

    int lengthAt(int k) {
        return lengths[(head + k) % targets.length];
    }

    /** The first {@code n} chosen blocks were trimmed: the verify list learns so. */
    void trimmed(int n, Verification verification) {
        for (int k = 0; k < n; k++) {
            verification.trimmed(targetAt(k), offsetAt(k), lengthAt(k), verifyZero);
        }
        head = (head + n) % targets.length;
        size -= n;
    }

    /** Checks that a trimmed block read back as zeroes (fio's verify_trimmed_io_u); null when it did. */
    VerifyFailure checkZeroes(IoUnit unit) {
        int length = unit.result();
        int first = -1;
        int differing = 0;
        for (int i = 0; i < length; i++) {
            if (unit.buffer().get(i) != 0) {
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
                unit.target().name(),
                unit.offset(),
                length,
                mode,
                VerifyFailure.Kind.TRIMMED,
                "zeroes",
                String.format(java.util.Locale.ROOT, "0x%02x", unit.buffer().get(first) & 0xff),
                first,
                differing);
    }
}
