package dev.jfio.run;

import dev.jfio.job.ErrorType;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.stats.JobStats;
import dev.jfio.verify.VerifyFailure;
import java.io.IOException;

/**
 * The I/O loop's side of verify=: which units carry checked reads or stamped writes, the
 * mismatches seen so far and when the written blocks are due to be read back. Job thread only;
 * allocation-free while blocks verify.
 */
final class VerifyBookkeeping {
    /** Verify mismatches shown on stderr before the rest are only counted. */
    private static final int MAX_VERIFY_MESSAGES = 10;

    private final Verification verification;
    private final JobStats stats;
    private final JobView notices;
    private final boolean fatal;
    private final boolean tolerated;
    /** Per unit: a write's sequence number, or the sequence a checked read expects (-1: any). */
    private final long[] unitSeq;
    /** Per unit: the index of its target, for the log of written blocks. */
    private final int[] unitTarget;
    /** Per unit: whether the read's data is checked. */
    private final boolean[] unitChecks;

    /** experimental_verify's replay of the workload, or null when the written blocks are listed. */
    private final VerifyReplay replay;
    /** verify_dump's writer, or null. */
    private final VerifyDump dump;
    /** Blocks read back at a verify_backlog point: verify_backlog_batch, else verify_backlog. */
    private final long backlogBatch;

    /** verify_state_save's count of completed writes, or null. */
    private final VerifyState savedState;
    /** Where the state is saved or loaded from, or null. */
    private final java.nio.file.Path stateFile;
    /** verify_state_load: the writes to check (-1: all); the job stops at that many checked reads. */
    private long stateLimit = -1;
    /** verify_only's write turned checked read, counted. */
    private long checkedWrites;

    private JobFailedException stateFailure;

    /** trim_percentage's chosen blocks, or null when nothing is trimmed. */
    private final TrimBacklog trims;

    private boolean backlogDue;
    private boolean trimDue;
    /** The verify phase under way reads back one verify_backlog batch, not every pending block. */
    private boolean backlogPhase;
    /** The phase under way trims a trim_backlog batch instead of reading back. */
    private boolean trimPhase;
    /** Read-backs prepared in the verify phase under way. */
    private int readBacks;

    private long failures;
    private String firstFailure;

    /** verify_async's verifier threads, or null when the job thread checks its reads. */
    private final AsyncVerifier async;
    /** A fatal mismatch a verifier found after the last read was handed over, not yet returned. */
    private JobFailedException asyncFatal;

    private VerifyBookkeeping(JobClone clone, Verification verification, VerifyReplay replay, TrimBacklog trims) {
        JobSpec spec = clone.spec;
        this.replay = replay;
        this.trims = trims;
        boolean state = spec.verify().stateSave() || spec.verify().stateLoad();
        this.stateFile = state ? VerifyState.file(clone.auxPath, spec.name(), clone.threadNumber) : null;
        this.savedState = spec.verify().stateSave() ? new VerifyState() : null;
        if (spec.verify().stateLoad()) {
            try {
                stateLimit = VerifyState.load(stateFile);
            } catch (IOException e) {
                stateLimit = 0;
                stateFailure = new JobFailedException(
                        Errno.ENOENT, "verify_state_load: cannot load " + stateFile + ": " + JobClone.message(e));
            }
        }
        this.dump = spec.verify().dump() ? new VerifyDump(verification.checker(), clone.view, clone.auxPath) : null;
        this.backlogBatch = spec.verify().backlogBatch() > 0
                ? spec.verify().backlogBatch()
                : spec.verify().backlog();
        this.verification = verification;
        this.stats = clone.stats;
        this.notices = clone.view;
        this.fatal = spec.verify().fatal();
        this.tolerated = IoErrors.goesOnAfter(spec, ErrorType.VERIFY, Errno.EILSEQ);
        this.unitSeq = new long[clone.depth];
        this.unitTarget = new int[clone.depth];
        this.unitChecks = new boolean[clone.depth];
        this.async = spec.verify().async().enabled()
                ? new AsyncVerifier(
                        spec.verify().async().threads(),
                        spec.verify().async().cpuSet(),
                        clone.depth,
                        spec.maxBlockSize(),
                        verification::newChecker,
                        clone.displayName(),
                        this::asyncMismatch)
                : null;
    }

    /**
     * The clone's verify bookkeeping, or null when the job does not verify.
     *
     * @param seeds   the workload's seeds, which experimental_verify's replay uses again
     * @param files   the workload's file choice, which the replay follows
     */
    static VerifyBookkeeping of(JobClone clone, IoTarget[] targets, Seeds seeds, OpenFiles files) throws IOException {
        Verification v = Verification.of(clone.spec, clone.cloneIndex, clone.regionStart, clone.regionLength);
        if (v == null) {
            return null;
        }
        JobSpec spec = clone.spec;
        boolean replays = spec.verify().experimental() && v.verifyAfterWrites();
        TrimBacklog trims = spec.verify().trim().percentage() > 0
                ? new TrimBacklog(
                        spec.verify().trim(),
                        spec.verify().mode(),
                        seeds.stream(50),
                        clone.regionLength,
                        spec.minBlockSize())
                : null;
        return new VerifyBookkeeping(clone, v, replays ? new VerifyReplay(clone, targets, seeds, files) : null, trims);
    }

    /** Whether an I/O of the workload in direction {@code op} becomes a checked read. */
    boolean readsBack(IoOp op) {
        return op == IoOp.READ && verification.checksReads() || op == IoOp.WRITE && verification.verifyOnly();
    }

    /** Records what a prepared unit carries; stamps a write's buffer. */
    void prepared(IoUnit unit, int target, boolean checked) {
        int i = unit.index();
        unitTarget[i] = target;
        unitSeq[i] = unit.op() == IoOp.WRITE ? verification.stamp(unit) : -1;
        unitChecks[i] = checked;
        if (checked && verification.verifyOnly()) {
            checkedWrites++;
        }
    }

    /**
     * A data I/O completed without error: checks a read, logs a write.
     *
     * @return the job's failure when a mismatch is fatal (verify_fatal), else null
     */
    JobFailedException completed(IoUnit unit, IoOp accountedOp) {
        int i = unit.index();
        if (async != null && asyncFatal != null) {
            JobFailedException f = asyncFatal;
            asyncFatal = null;
            return f;
        }
        if (unitChecks[i]) {
            boolean trimmed = unitSeq[i] == TrimBacklog.TRIMMED;
            if (async != null && !trimmed) {
                return async.submit(unit, unitSeq[i]);
            }
            VerifyFailure mismatch = trimmed ? trims.checkZeroes(unit) : verification.check(unit, unitSeq[i]);
            if (mismatch != null) {
                if (dump != null && !trimmed) {
                    dump.dump(unit, mismatch, unitSeq[i]);
                }
                return mismatch(mismatch);
            }
        } else if (accountedOp == IoOp.WRITE) {
            if (savedState != null) {
                savedState.completed(unitSeq[i]);
            }
            if (replay != null) {
                replay.written(unit.result());
            } else if (verification.written(unitTarget[i], unit.offset(), unit.result(), unitSeq[i])) {
                backlogDue = true;
            }
            if (trims != null && trims.written(unitTarget[i], unit.offset(), unit.result())) {
                trimDue = true;
            }
        }
        return null;
    }

    /**
     * True once each time verify_backlog says the written blocks are due to be read back, or
     * trim_backlog that chosen blocks are due to be trimmed: the phase's I/Os come from
     * {@link #prepareReadBack}.
     */
    boolean takeBacklogDue() {
        if (trimDue) {
            trimDue = false;
            trimPhase = true;
            return true;
        }
        if (!backlogDue) {
            return false;
        }
        backlogDue = false;
        backlogPhase = true;
        return true;
    }

    /**
     * verify_state_load: the job has checked every write the earlier job completed, and ends
     * (fio's verify_state_should_stop).
     */
    boolean stateReached() {
        return stateLimit >= 0 && checkedWrites >= stateLimit;
    }

    /** Whether the writes are read back and checked once the workload is done (do_verify). */
    boolean verifyAfterWrites() {
        return verification.verifyAfterWrites();
    }

    /**
     * Prepares the read-back of the {@code k}th written block of this verify phase (the same
     * {@code k} again after the engine was BUSY prepares the same block).
     *
     * @return false when the phase has read back every block it covers: all pending blocks, one
     *         verify_backlog batch, or (experimental_verify) every byte written since the last phase
     */
    boolean prepareReadBack(RunnerUnit unit, int k, IoTarget[] targets) throws IOException {
        int i = unit.index();
        long offset;
        int length;
        if (trimPhase) {
            if (k >= trims.batchSize()) {
                return false;
            }
            unitTarget[i] = trims.targetAt(k);
            unit.set(IoOp.TRIM, targets[unitTarget[i]], trims.offsetAt(k), trims.lengthAt(k), 0);
            unitChecks[i] = false;
            readBacks = Math.max(readBacks, k + 1);
            return true;
        }
        if (replay != null) {
            if (!replay.plan(k)) {
                return false;
            }
            unitTarget[i] = replay.target();
            offset = replay.offset();
            length = replay.length();
            unitSeq[i] = -1; // the header's own sequence: the replay does not know which write was last
        } else {
            if (k >= verification.pending() || backlogPhase && k >= backlogBatch) {
                return false;
            }
            unitTarget[i] = verification.targetAt(k);
            offset = verification.offsetAt(k);
            length = verification.lengthAt(k);
            unitSeq[i] = verification.trimmedAt(k) ? TrimBacklog.TRIMMED : verification.expectedAt(k);
        }
        unit.set(IoOp.READ, targets[unitTarget[i]], offset, length, 0);
        unitChecks[i] = true;
        readBacks = Math.max(readBacks, k + 1);
        return true;
    }

    /** The verify phase is over: what it read back is forgotten. */
    void verified() {
        if (async != null) {
            JobFailedException f = async.awaitChecked();
            asyncFatal = asyncFatal == null ? f : asyncFatal;
        }
        if (trimPhase) {
            trims.trimmed(readBacks, verification);
        } else {
            if (replay != null) {
                replay.verified();
            }
            verification.verified(readBacks);
        }
        trimPhase = false;
        readBacks = 0;
        backlogPhase = false;
    }

    /**
     * After the last check: a job with mismatches fails unless continue_on_error covers verify.
     *
     * @param prior the job's failure so far: returned as it is, once the verifier threads stopped
     * @return the failure, or null
     */
    JobFailedException conclude(JobFailedException prior) {
        if (async != null) {
            JobFailedException f = prior == null ? async.awaitChecked() : null;
            f = f == null ? asyncFatal : f;
            async.stop();
            if (prior == null && f != null) {
                return f;
            }
        }
        if (prior != null) {
            return prior;
        }
        if (savedState != null) {
            try {
                savedState.save(stateFile);
            } catch (IOException e) {
                notices.notice("verify_state_save: cannot write " + stateFile + ": " + JobClone.message(e));
            }
        }
        if (stateFailure != null) {
            return stateFailure;
        }
        if (failures == 0) {
            return null;
        }
        String summary = failures == 1 ? firstFailure : firstFailure + " (and " + (failures - 1) + " more mismatches)";
        if (tolerated) {
            notices.notice(summary);
            return null;
        }
        return new JobFailedException(Errno.EILSEQ, summary);
    }

    /** A mismatch a verify_async thread found, reported on the job thread as {@link #completed} would. */
    private JobFailedException asyncMismatch(
            java.nio.ByteBuffer data, int length, long offset, String target, long expected, VerifyFailure mismatch) {
        if (dump != null) {
            dump.dump(data, length, offset, target, mismatch, expected);
        }
        return mismatch(mismatch);
    }

    /**
     * As fio: every mismatch is counted, the job goes on checking the rest (unless verify_fatal)
     * and fails at the end, unless continue_on_error covers verify. The first mismatch is the
     * job's error line; a few more are shown as notices.
     */
    private JobFailedException mismatch(VerifyFailure mismatch) {
        stats.recordError(IoOp.READ, Errno.EILSEQ);
        failures++;
        if (firstFailure == null) {
            firstFailure = mismatch.message();
        } else if (failures <= MAX_VERIFY_MESSAGES) {
            notices.notice(mismatch.message());
        }
        return fatal ? new JobFailedException(Errno.EILSEQ, mismatch.message()) : null;
    }
}
