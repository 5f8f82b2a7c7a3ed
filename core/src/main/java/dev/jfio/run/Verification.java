package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.verify.BlockChecker;
import dev.jfio.verify.BlockStamper;
import dev.jfio.verify.VerifyFailure;
import dev.jfio.verify.VerifyMode;
import dev.jfio.verify.WrittenBlocks;
import dev.jfio.workload.Rng;

/**
 * A job clone's verification state (fio's verify=): stamps what it writes, remembers where, and
 * checks what it reads back. One instance per job thread; allocation-free per block.
 */
final class Verification {
    private final BlockStamper stamper;
    private final BlockChecker checker;
    private final WrittenBlocks written;
    private final boolean writes;
    private final boolean exactSequence;
    private final boolean verifyAfterWrites;
    private final boolean verifyOnly;
    private final long backlog;
    private final JobSpec spec;
    private final long seed;
    private final int jobNumber;
    private long sequence;
    private long writtenSinceVerify;

    private Verification(JobSpec spec, int cloneIndex, long regionStart, long regionLength, int targets) {
        VerifyMode mode = spec.verify().mode();
        long seed = Rng.seedFor(spec.randomness().randseed(), spec.index(), cloneIndex, Rng.STREAM_BUFFER);
        int jobNumber = spec.index() * 1024 + cloneIndex;
        this.spec = spec;
        this.seed = seed;
        this.jobNumber = jobNumber;
        this.stamper = new BlockStamper(
                mode,
                spec.verify().pattern(),
                spec.verify().interval(),
                spec.verify().offset(),
                seed,
                jobNumber);
        this.checker = new BlockChecker(
                mode,
                spec.verify().pattern(),
                spec.verify().interval(),
                spec.verify().offset(),
                seed,
                jobNumber);
        this.verifyOnly = spec.verify().only();
        this.writes = spec.rw().writes() && !verifyOnly;
        this.verifyAfterWrites = writes && spec.verify().doVerify();
        this.backlog = spec.verify().backlog();
        // experimental_verify replays the workload instead of keeping a list of written blocks
        this.written = writes && !spec.verify().experimental()
                ? new WrittenBlocks(targets, regionStart, regionLength, spec.minBlockSize())
                : null;
        // as fio: the exact write sequence is known only for fixed-size blocks written once each
        this.exactSequence = writes && fixedBlockSizes(spec) && !spec.timing().timeBased();
    }

    /** The job's verification, or null when it does not verify. */
    static Verification of(JobSpec spec, int cloneIndex, long[] regionStart, long[] regionLength) {
        if (spec.verify().mode() == null) {
            return null;
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        for (int t = 0; t < regionStart.length; t++) {
            start = Math.min(start, regionStart[t]);
            end = Math.max(end, regionStart[t] + regionLength[t]);
        }
        return new Verification(spec, cloneIndex, start, end - start, regionStart.length);
    }

    /** A checker of its own for a verify_async thread: a BlockChecker is not thread-safe. */
    BlockChecker newChecker() {
        return new BlockChecker(
                spec.verify().mode(),
                spec.verify().pattern(),
                spec.verify().interval(),
                spec.verify().offset(),
                seed,
                jobNumber);
    }

    /** The checker of read-back blocks (for verify_dump's expected data). */
    BlockChecker checker() {
        return checker;
    }

    /** Whether the job's writes are turned into checked reads (verify_only). */
    boolean verifyOnly() {
        return verifyOnly;
    }

    /** Fills a write's buffer with its stamped content; returns the write's sequence number. */
    long stamp(IoUnit unit) {
        long seq = sequence++;
        stamper.stamp(unit.buffer(), unit.length(), unit.offset(), seq);
        return seq;
    }

    /** Remembers a completed write for the verify phase; true when verify_backlog says to verify now. */
    boolean written(int target, long offset, int length, long seq) {
        if (written == null) {
            return false; // experimental_verify: VerifyReplay counts the bytes
        }
        written.record(target, offset, length, seq);
        return backlog > 0 && ++writtenSinceVerify >= backlog;
    }

    /** Checks a read-back block; null when it verifies. {@code expected} is a sequence or -1. */
    VerifyFailure check(IoUnit unit, long expected) {
        return checker.check(
                unit.buffer(),
                unit.result(),
                unit.offset(),
                expected,
                unit.target().name());
    }

    /** Whether the writes are read back and checked once the workload is done (do_verify). */
    boolean verifyAfterWrites() {
        return verifyAfterWrites;
    }

    /** Whether reads of the workload itself are checked (a read job with verify=, or verify_only). */
    boolean checksReads() {
        return !writes;
    }

    int pending() {
        return written == null ? 0 : written.size();
    }

    int targetAt(int i) {
        return written.targetAt(i);
    }

    long offsetAt(int i) {
        return written.offsetAt(i);
    }

    int lengthAt(int i) {
        return written.lengthAt(i);
    }

    /** The sequence a read-back block must carry, or -1 when any is acceptable. */
    long expectedAt(int i) {
        return exactSequence ? written.sequenceAt(i) : -1;
    }

    /**
     * Blocks at {@code offset} were trimmed: they are to read back as zeroes ({@code zeroes}) or
     * are no longer verified.
     */
    void trimmed(int target, long offset, int length, boolean zeroes) {
        if (zeroes) {
            written.record(target, offset, length, TrimBacklog.TRIMMED);
        } else {
            written.forget(target, offset, length);
        }
    }

    /** Whether the {@code i}th pending block was trimmed and must read back as zeroes. */
    boolean trimmedAt(int i) {
        return written.sequenceAt(i) == TrimBacklog.TRIMMED;
    }

    /** Forgets the first {@code n} blocks, which were read back (all of them: the list is empty). */
    void verified(int n) {
        if (written != null) {
            if (n >= written.size()) {
                written.clear();
            } else {
                written.removeFirst(n);
            }
        }
        writtenSinceVerify = 0;
    }

    /** Whether every direction the job uses has one fixed block size. */
    private static boolean fixedBlockSizes(JobSpec spec) {
        for (IoOp d : IoOps.DATA) {
            if (spec.rw().uses(d) && !spec.bs(d).isFixed()) {
                return false;
            }
        }
        return true;
    }
}
