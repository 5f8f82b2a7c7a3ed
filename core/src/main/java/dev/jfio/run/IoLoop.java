package dev.jfio.run;

import dev.jfio.spi.Errno;
import dev.jfio.job.ContinueOnError;
import dev.jfio.job.IoOps;
import dev.jfio.spi.IoOp;
import dev.jfio.job.JobSpec;
import dev.jfio.job.RwMode;
import dev.jfio.spi.Completions;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.stats.JobStats;
import dev.jfio.verify.VerifyFailure;
import dev.jfio.workload.BlockSizeGenerator;
import dev.jfio.workload.DirectionMixer;
import dev.jfio.workload.OffsetGenerator;
import dev.jfio.workload.RatePacer;
import dev.jfio.workload.Rng;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue/reap loop of one job clone: fio's {@code do_io}. Runs on the job thread only.
 *
 * <p>Keeps up to {@code iodepth} units in flight, commits in batches of
 * {@code iodepth_batch_submit}, reaps with {@code iodepth_batch_complete_min/max} down to the
 * {@code iodepth_low} water mark, paces by rate, thinks, flushes every {@code fsync} writes and
 * stops by size, loops, runtime or the run's {@link StopSignal}. Nothing is allocated per I/O:
 * units, timestamps and generators are created once in the constructor.
 */
final class IoLoop implements Completions {
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final long SPIN_THRESHOLD_NANOS = 200_000;
    /** The longest a job sleeps (rate, thinktime) without checking for a stop request. */
    private static final long MAX_PARK_NANOS = 50_000_000;
    /** Verify mismatches shown on stderr before the rest are only counted. */
    private static final int MAX_VERIFY_MESSAGES = 10;

    private final JobSpec spec;
    private final IoEngine engine;
    private final JobStats stats;
    private final StopSignal stop;
    private final boolean synchronous;

    private final int depth;
    private final int batchSubmit;
    private final int completeMin;
    private final int completeMax;
    private final int lowWater;

    private final IoUnit[] units;
    private final IoUnit[] free;
    private int freeCount;
    private final long[] startNs;
    private final long[] issueNs;
    private final long[] dueNs;
    private final IoOp[] unitDir;
    private final int[] uncommitted;
    private int uncommittedCount;
    private int inFlight;

    private final IoTarget[] targets;
    private final OffsetGenerator[][] offsets;
    private final TargetSelector selector;
    /** The targets open now (shared with the job clone, which closes them at the end); changes only under openfiles. */
    private final List<IoTarget> opened;
    private final boolean fsyncOnClose;
    private final BlockSizeGenerator[] blockSizes;
    private final DirectionMixer mixer;
    private final boolean trimWrite;
    private boolean trimDone;
    private long trimOffset;
    private int trimLength;
    private int trimTarget;

    private final RatePacer[] pacers;
    private final boolean rateLimited;

    private final long budget;
    private final boolean budgetWraps;
    private final int loops;
    private final boolean timeBased;
    private final long rampNanos;
    private final long runtimeNanos;
    private long issuedThisPass;
    private long rampEnd;
    private long deadline;
    private boolean measuring;
    private int passesDone;
    private boolean passExhausted;

    private final int syncEvery;
    private int writesSinceSync;
    private final boolean endFsync;

    private final long thinkNanos;
    private final long thinkSpinNanos;
    private final int thinkBlocks;
    private int blocksSinceThink;

    private final boolean refill;
    private final Rng fillRng;
    /** The seed every random stream of this clone derives from. */
    private final long randomBase;

    private final ContinueOnError continueOnError;
    private JobFailedException failure;

    private final Verification verification;
    /** Per unit: a write's sequence number, or the sequence a checked read expects (-1: any). */
    private final long[] unitSeq;
    /** The index into {@link #targets} of each unit's I/O, for the verification log of writes. */
    private final int[] unitTarget;
    /** Per unit: whether the read's data is checked (a verify read). */
    private final boolean[] unitChecks;
    private final JobView notices;
    private boolean backlogDue;
    private long verifyFailures;
    private String firstVerifyFailure;

    // the I/O planned but not yet queued (BUSY, or waiting for its rate slot)
    private boolean planned;
    private IoOp plannedDir;
    /** Index into {@link #targets}. */
    private int plannedTarget;
    private long plannedOffset;
    private int plannedLength;
    private long plannedDue = NO_TIME;

    private long lastCompletion;
    /** The clock value the loop last used; equal to lastCompletion when nothing completed since. */
    private long loopClock;
    /** Units handed to {@link #completed} during the current getEvents call. */
    private final IoUnit[] reaped;
    private int reapedCount;

    IoLoop(JobSpec spec, IoEngine engine, JobStats stats, StopSignal stop, boolean synchronous,
           int depth, IoTarget[] targets, long[] regionStart, long[] regionLength, long budget, boolean budgetWraps,
           long seedBase, JobView notices, List<IoTarget> opened) {
        this.spec = spec;
        this.opened = opened;
        this.notices = notices;
        this.engine = engine;
        this.stats = stats;
        this.stop = stop;
        this.synchronous = synchronous;
        this.depth = depth;
        this.batchSubmit = clamp(spec.iodepthBatchSubmit(), 1, depth);
        this.completeMin = clamp(spec.iodepthBatchCompleteMin(), 1, depth);
        this.completeMax = spec.iodepthBatchCompleteMax() <= 0 ? depth : clamp(spec.iodepthBatchCompleteMax(), completeMin, depth);
        int low = spec.iodepthLow() <= 0 ? depth : Math.min(spec.iodepthLow(), depth);
        this.lowWater = Math.min(low, depth - 1);

        int bufferSize = spec.maxBlockSize();
        this.units = new IoUnit[depth];
        this.free = new IoUnit[depth];
        this.startNs = new long[depth];
        this.issueNs = new long[depth];
        this.dueNs = new long[depth];
        this.unitDir = new IoOp[depth];
        this.uncommitted = new int[depth];
        this.reaped = new IoUnit[depth];
        // fio: randseed if set; else a fixed seed with randrepeat=1 (repeatable runs), a fresh one with randrepeat=0
        this.randomBase = spec.randseedSet() || spec.randrepeat()
                ? spec.randseed() : java.util.concurrent.ThreadLocalRandom.current().nextLong();
        this.fillRng = new Rng(Rng.seedFor(randomBase, spec.index(), (int) seedBase, Rng.STREAM_BUFFER));
        for (int i = 0; i < depth; i++) {
            ByteBuffer buffer = AlignedBuffers.allocate(bufferSize);
            fillInitial(buffer);
            units[i] = new IoUnit(i, buffer);
            free[freeCount++] = units[i];
        }

        this.targets = targets;
        RwMode rw = spec.rw();
        this.offsets = new OffsetGenerator[targets.length][IoOps.DATA.length];
        for (int t = 0; t < targets.length; t++) {
            OffsetGenerator shared = rw.random()
                    ? newOffsetGenerator(regionStart[t], regionLength[t], seedBase, t, 0) : null;
            for (IoOp d : IoOps.DATA) {
                offsets[t][d.ordinal()] = shared != null ? shared
                        : newOffsetGenerator(regionStart[t], regionLength[t], seedBase, t, 1 + d.ordinal());
            }
        }
        FileSet files = FileSet.of(spec, (int) seedBase);
        this.selector = files.selector(targets.length, seed(seedBase, 40));
        this.fsyncOnClose = files.fsyncOnClose();
        this.blockSizes = new BlockSizeGenerator[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            blockSizes[d.ordinal()] = Workloads.blockSizes(spec, d, seed(seedBase, 10 + d.ordinal()));
        }
        this.trimWrite = rw == RwMode.TRIMWRITE;
        this.mixer = new DirectionMixer(rw.reads(), rw.writes(), rw.trims(), spec.rwmixread(), seed(seedBase, 20));

        this.pacers = new RatePacer[IoOps.DATA.length];
        boolean anyRate = false;
        for (IoOp d : IoOps.DATA) {
            RatePacer pacer = Workloads.pacer(spec, d, seed(seedBase, 30 + d.ordinal()));
            if (pacer != null) {
                pacers[d.ordinal()] = pacer;
                anyRate = true;
            }
        }
        this.rateLimited = anyRate;

        this.budgetWraps = budgetWraps;
        this.budget = budget;
        this.loops = Math.max(1, spec.loops());
        this.timeBased = spec.timeBased();
        this.rampNanos = spec.rampTimeNanos();
        this.runtimeNanos = spec.runtimeNanos();

        this.syncEvery = spec.fsync() > 0 ? spec.fsync() : spec.fdatasync();
        this.endFsync = spec.endFsync();
        this.thinkNanos = spec.thinktimeNanos();
        this.thinkSpinNanos = Math.min(spec.thinktimeSpinNanos(), spec.thinktimeNanos());
        this.thinkBlocks = Math.max(1, spec.thinktimeBlocks());
        this.refill = spec.refillBuffers() && !spec.zeroBuffers() && spec.bufferPattern() == null;
        this.continueOnError = spec.continueOnError();
        this.verification = Verification.of(spec, (int) seedBase, regionStart, regionLength);
        this.unitSeq = new long[depth];
        this.unitTarget = new int[depth];
        this.unitChecks = new boolean[depth];
    }

    private OffsetGenerator newOffsetGenerator(long start, long length, long seedBase, int target, int stream) {
        return Workloads.offsets(spec, start, length, seed(seedBase, 100 * (target + 1) + stream));
    }

    private long seed(long seedBase, int stream) {
        return Rng.seedFor(randomBase, spec.index(), (int) seedBase, stream);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Whether measurements include the scheduled-time latency (the job is rate limited). */
    boolean rateLimited() {
        return rateLimited;
    }

    /**
     * Runs the job's I/O to the end: size, loops, runtime, a stop request or a failure.
     *
     * @throws JobFailedException when an I/O fails and continue_on_error does not cover it
     * @throws IOException when the engine cannot go on
     */
    void run() throws IOException, JobFailedException {
        long start = System.nanoTime();
        rampEnd = start + rampNanos;
        deadline = runtimeNanos > 0 ? rampEnd + runtimeNanos : Long.MAX_VALUE;
        measuring = rampNanos == 0;
        stats.begin(start);
        lastCompletion = start;
        loopClock = start;
        for (RatePacer pacer : pacers) {
            if (pacer != null) {
                pacer.start(start);
            }
        }
        passesDone = 0;
        passExhausted = false;
        // The loop's work is a method of its own: the JIT compiles a method after a few thousand
        // calls, but a loop inside one only after tens of thousands of iterations (on-stack
        // replacement): at 12 k IOPS the loop ran interpreted for the first 2.5 s of a job.
        while (failure == null && step()) {
            // step() did one thing: reaped, submitted, waited or flushed
        }
        reapUntil(0);
        if (verification != null) {
            if (verification.verifyAfterWrites() && failure == null && !stop.requested()) {
                verifyWritten();
            }
            concludeVerification();
        }
        if (failure == null && endFsync && spec.rw().writes()) {
            flush();
        }
        if (failure == null && fsyncOnClose && spec.rw().writes()) {
            flush();
        }
        stats.end(Math.max(lastCompletion, System.nanoTime()));
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One turn of the loop: reaps, submits, waits, flushes or verifies, whichever is due.
     *
     * @return false when the job is over (deadline, stop, or the last pass done)
     */
    private boolean step() throws IOException, JobFailedException {
        // the clock read at the last completion is fresh enough for the checks below, and
        // saves a clock read per I/O on synchronous engines
        long now = lastCompletion != loopClock ? lastCompletion : System.nanoTime();
        loopClock = now;
        stats.tick(now);
        if (!measuring && now >= rampEnd) {
            stats.begin(now);
            measuring = true;
            issuedThisPass = 0;
        }
        if (now >= deadline || stop.requested()) {
            return false;
        }
        if (passExhausted) {
            passesDone++;
            if (!timeBased && passesDone >= loops) {
                return false;
            }
            startNewPass();
            passExhausted = false;
        }
        if (inFlight >= depth) {
            reapUntil(lowWater);
            return true;
        }
        if (backlogDue) {
            backlogDue = false;
            verifyWritten();
            return true;
        }
        if (syncEvery > 0 && writesSinceSync >= syncEvery) {
            writesSinceSync = 0;
            flush();
            return true;
        }
        if (!planned && !planNext()) {
            passExhausted = true;
            if (!timeBased && passesDone + 1 >= loops) {
                return false;
            }
            reapUntil(0);
            return true;
        }
        if (plannedDue != NO_TIME && now < plannedDue) {
            waitUntil(plannedDue);
            return true;
        }
        if (!submitPlanned()) {
            if (inFlight == 0) {
                throw new IOException("ioengine=" + spec.ioengine()
                        + " returned BUSY with nothing in flight");
            }
            reapUntil(inFlight - 1);
            return true;
        }
        if (thinkNanos > 0 && ++blocksSinceThink >= thinkBlocks) {
            blocksSinceThink = 0;
            think();
        }
        return true;
    }

    private void startNewPass() throws IOException {
        issuedThisPass = 0;
        selector.reset();
        reopenFirstFiles();
        for (OffsetGenerator[] perTarget : offsets) {
            for (int d = 0; d < perTarget.length; d++) {
                if (d == 0 || perTarget[d] != perTarget[d - 1]) {
                    // fio replays the same offsets in each of the loops, but a time_based job
                    // that runs out of blocks carries on with the same random stream
                    if (timeBased) {
                        perTarget[d].nextPass();
                    } else {
                        perTarget[d].reset();
                    }
                }
            }
        }
    }

    /** Starts every file's offsets of {@code dir} over within the pass (io_size above the region), and the file choice. */
    private void wrapAllTargets(IoOp dir) throws IOException {
        selector.reset();
        reopenFirstFiles();
        for (OffsetGenerator[] perTarget : offsets) {
            perTarget[dir.ordinal()].nextPass();
        }
    }

    /**
     * openfiles below the number of files: closes the file that is done and opens the next waiting
     * one, as fio does.
     *
     * @return the file to use: {@code next}, or the newly opened file when no other is open; -1 when none is left
     */
    private int rotateOpenFiles(int finished, int next) throws IOException {
        reapUntil(0);
        IoTarget done = targets[finished];
        if (opened.remove(done)) {
            if (fsyncOnClose && spec.rw().writes() && failure == null) {
                flush(done);
            }
            engine.close(done);
        }
        int waiting = selector.nextWaiting();
        if (waiting < 0) {
            return next;
        }
        engine.open(targets[waiting]);
        opened.add(targets[waiting]);
        selector.activate(waiting);
        return next >= 0 ? next : waiting;
    }

    /** openfiles below the number of files: a new pass starts with the first files open again. */
    private void reopenFirstFiles() throws IOException {
        if (!selector.capped()) {
            return;
        }
        reapUntil(0);
        for (int t = 0; t < targets.length; t++) {
            boolean isOpen = opened.contains(targets[t]);
            if (isOpen && !selector.isActive(t)) {
                opened.remove(targets[t]);
                engine.close(targets[t]);
            } else if (!isOpen && selector.isActive(t)) {
                engine.open(targets[t]);
                opened.add(targets[t]);
            }
        }
    }

    /** Chooses the next I/O: direction, target, block size, offset and its scheduled time. */
    private boolean planNext() throws IOException {
        if (issuedThisPass >= budget) {
            return false;
        }
        IoOp dir;
        if (trimWrite) {
            dir = trimDone ? IoOp.WRITE : IoOp.TRIM;
        } else {
            dir = mixer.next();
        }
        int t;
        long offset;
        int length;
        if (trimWrite && dir == IoOp.WRITE) {
            // fio's trimwrite writes the block it has just trimmed
            t = trimTarget;
            offset = trimOffset;
            length = trimLength;
            trimDone = false;
        } else {
            t = selector.next();
            length = blockSizes[dir.ordinal()].next();
            offset = offsets[t][dir.ordinal()].next(length);
            while (offset < 0) {
                // this file is done for the pass: move on to one that is not
                int finished = t;
                t = selector.exhausted(t);
                if (selector.capped()) {
                    t = rotateOpenFiles(finished, t);
                }
                if (t < 0) {
                    if (!budgetWraps) {
                        return false;
                    }
                    // io_size beyond the files' regions: every file starts over
                    wrapAllTargets(dir);
                    t = selector.next();
                    offset = offsets[t][dir.ordinal()].next(length);
                    if (offset < 0) {
                        return false;
                    }
                    break;
                }
                offset = offsets[t][dir.ordinal()].next(length);
            }
            if (trimWrite) {
                trimTarget = t;
                trimOffset = offset;
                trimLength = length;
                trimDone = true;
            }
        }
        issuedThisPass += length;
        planned = true;
        plannedDir = dir;
        plannedTarget = t;
        plannedOffset = offset;
        plannedLength = length;
        RatePacer pacer = pacers[dir.ordinal()];
        plannedDue = pacer == null ? NO_TIME : pacer.nextDueNanos(System.nanoTime(), length);
        return true;
    }

    /** Queues the planned I/O; false when the engine was BUSY (the plan is kept for a retry). */
    private boolean submitPlanned() throws IOException {
        IoUnit unit = free[--freeCount];
        int i = unit.index();
        IoOp op = plannedDir == IoOp.READ ? IoOp.READ : plannedDir == IoOp.WRITE ? IoOp.WRITE : IoOp.TRIM;
        boolean checked = false;
        if (verification != null && (op == IoOp.READ && verification.checksReads()
                || op == IoOp.WRITE && verification.verifyOnly())) {
            op = IoOp.READ;
            checked = true;
        }
        if (op == IoOp.WRITE && refill) {
            refill(unit.buffer(), plannedLength);
        }
        unit.prepare(op, targets[plannedTarget], plannedOffset, plannedLength, 0);
        unitTarget[i] = plannedTarget;
        if (op == IoOp.WRITE && verification != null) {
            unitSeq[i] = verification.stamp(unit);
        } else {
            unitSeq[i] = -1;
        }
        unitChecks[i] = checked;
        unitDir[i] = checked ? IoOp.READ : plannedDir;
        dueNs[i] = plannedDue;
        if (!queue(unit)) {
            free[freeCount++] = unit;
            return false;
        }
        stats.recordIssue(unitDir[i]);
        if (plannedDir == IoOp.WRITE) {
            writesSinceSync++;
        }
        planned = false;
        return true;
    }

    /** Queues a prepared unit and accounts what the engine did; false on BUSY. */
    private boolean queue(IoUnit unit) throws IOException {
        int i = unit.index();
        long start = System.nanoTime();
        startNs[i] = start;
        stats.recordDepth(inFlight + 1);
        QueueResult result = engine.queue(unit);
        if (result == QueueResult.COMPLETED) {
            long end = System.nanoTime();
            issueNs[i] = NO_TIME;
            account(unit, end);
            free[freeCount++] = unit;
            stats.recordSubmitBatch(1);
            return true;
        }
        if (result == QueueResult.BUSY) {
            return false;
        }
        inFlight++;
        uncommitted[uncommittedCount++] = i;
        if (uncommittedCount >= batchSubmit || inFlight >= depth) {
            commit();
        }
        return true;
    }

    private void commit() throws IOException {
        if (uncommittedCount == 0) {
            return;
        }
        engine.commit();
        long now = System.nanoTime();
        for (int k = 0; k < uncommittedCount; k++) {
            issueNs[uncommitted[k]] = now;
        }
        stats.recordSubmitBatch(uncommittedCount);
        uncommittedCount = 0;
    }

    /** Reaps completions until at most {@code target} units are in flight. */
    private void reapUntil(int target) throws IOException {
        commit();
        while (inFlight > target && failure == null) {
            int need = inFlight - target;
            int min = Math.min(inFlight, Math.max(need, completeMin));
            int max = Math.max(min, Math.min(inFlight, completeMax));
            reap(min, max, -1);
        }
    }

    private int reap(int min, int max, long timeoutNanos) throws IOException {
        reapedCount = 0;
        int n = engine.getEvents(min, max, timeoutNanos, this);
        if (n != reapedCount) {
            throw new IOException("ioengine=" + spec.ioengine() + " reported " + n
                    + " completions from getEvents but handed " + reapedCount);
        }
        if (n > 0) {
            // one timestamp for the batch, as fio: the completion time of what one getevents returned
            long end = System.nanoTime();
            for (int k = 0; k < n; k++) {
                IoUnit unit = reaped[k];
                reaped[k] = null;
                inFlight--;
                account(unit, end);
                free[freeCount++] = unit;
            }
            stats.recordCompleteBatch(n);
        }
        return n;
    }

    /** Completions sink: called by the engine inside getEvents, on this thread; accounted when it returns. */
    @Override
    public void completed(IoUnit unit) {
        if (reapedCount == reaped.length) {
            throw new IllegalStateException("ioengine=" + spec.ioengine()
                    + " handed more completions than units in flight");
        }
        reaped[reapedCount++] = unit;
    }

    private void account(IoUnit unit, long end) {
        int i = unit.index();
        lastCompletion = end;
        long lat = end - startNs[i];
        if (unit.op() == IoOp.FLUSH) {
            if (unit.error() != 0) {
                onError(unit, null);
            } else {
                stats.recordSync(lat);
            }
            return;
        }
        IoOp dir = unitDir[i];
        if (unit.error() != 0) {
            onError(unit, dir);
            return;
        }
        long issued = issueNs[i];
        long slat = issued == NO_TIME ? -1 : issued - startNs[i];
        long clat = issued == NO_TIME ? lat : end - issued;
        long sched = dueNs[i] == NO_TIME ? -1 : end - dueNs[i];
        if (verification != null) {
            verifyCompletion(unit, dir);
        }
        stats.recordIo(dir, unit.result(), unit.length(), slat, clat, lat, sched);
        stats.tick(end);
    }

    private void verifyCompletion(IoUnit unit, IoOp dir) {
        int i = unit.index();
        if (unitChecks[i]) {
            VerifyFailure mismatch = verification.check(unit, unitSeq[i]);
            if (mismatch != null) {
                onVerifyFailure(mismatch);
            }
        } else if (dir == IoOp.WRITE && verification.written(unitTarget[i], unit.offset(), unit.result(),
                unitSeq[i])) {
            backlogDue = true;
        }
    }

    /**
     * As fio: every mismatch is counted, the job goes on checking the rest (unless verify_fatal)
     * and fails at the end, unless continue_on_error covers verify. The first mismatch is the
     * job's error line; a few more are shown as notices.
     */
    private void onVerifyFailure(VerifyFailure mismatch) {
        stats.recordError(IoOp.READ, Errno.EILSEQ);
        verifyFailures++;
        if (firstVerifyFailure == null) {
            firstVerifyFailure = mismatch.message();
        } else if (verifyFailures <= MAX_VERIFY_MESSAGES) {
            notices.notice(mismatch.message());
        }
        if (spec.verifyFatal() && failure == null) {
            failure = new JobFailedException(Errno.EILSEQ, mismatch.message());
        }
    }

    /** After the last check: a job with mismatches fails unless continue_on_error covers verify. */
    private void concludeVerification() {
        if (verifyFailures == 0 || failure != null) {
            return;
        }
        String summary = verifyFailures == 1 ? firstVerifyFailure
                : firstVerifyFailure + " (and " + (verifyFailures - 1) + " more mismatches)";
        boolean tolerated = continueOnError == ContinueOnError.VERIFY || continueOnError == ContinueOnError.ALL;
        if (tolerated) {
            notices.notice(summary);
        } else {
            failure = new JobFailedException(Errno.EILSEQ, summary);
        }
    }

    /** Reads back and checks every block written since the last verify (fio's verify phase). */
    private void verifyWritten() throws IOException {
        reapUntil(0);
        int n = verification.pending();
        int k = 0;
        while (k < n && failure == null && !stop.requested()) {
            if (inFlight >= depth) {
                reapUntil(depth - 1);
                continue;
            }
            IoUnit unit = free[--freeCount];
            int i = unit.index();
            unitTarget[i] = verification.targetAt(k);
            unit.prepare(IoOp.READ, targets[unitTarget[i]], verification.offsetAt(k),
                    verification.lengthAt(k), 0);
            unitDir[i] = IoOp.READ;
            dueNs[i] = NO_TIME;
            unitChecks[i] = true;
            unitSeq[i] = verification.expectedAt(k);
            if (!queue(unit)) {
                free[freeCount++] = unit;
                if (inFlight == 0) {
                    throw new IOException("ioengine=" + spec.ioengine() + " returned BUSY with nothing in flight");
                }
                reapUntil(inFlight - 1);
                continue;
            }
            stats.recordIssue(IoOp.READ);
            k++;
        }
        reapUntil(0);
        verification.verified();
    }

    private void onError(IoUnit unit, IoOp dir) {
        stats.recordError(dir == null ? IoOp.WRITE : dir, unit.error());
        if (continues(dir)) {
            return;
        }
        if (failure == null) {
            failure = new JobFailedException(unit.error(), describeError(unit));
        }
    }

    private boolean continues(IoOp dir) {
        return dir == null ? continueOnError == ContinueOnError.ALL : continueOnError.continuesOn(dir);
    }

    private static String describeError(IoUnit unit) {
        String what = unit.op() == IoOp.FLUSH ? "flush of " + unit.target()
                : unit.op().name().toLowerCase(java.util.Locale.ROOT) + " of " + unit.length()
                + " bytes at offset " + unit.offset() + " on " + unit.target();
        String detail = unit.errorMessage() == null ? Errno.name(unit.error())
                : Errno.name(unit.error()) + " (" + unit.errorMessage() + ")";
        return what + " failed: " + detail;
    }

    /** Waits for the planned I/O's scheduled time, reaping completions meanwhile. */
    private void waitUntil(long due) throws IOException {
        long now = System.nanoTime();
        if (inFlight > 0) {
            commit();
            reap(1, inFlight, due - now);
            return;
        }
        sleepUntil(due);
    }

    /** Sleeps (parks, then spins the last stretch) until {@code due}, or until the run is asked to stop. */
    private void sleepUntil(long due) {
        long remaining = due - System.nanoTime();
        while (remaining > 0 && !stop.requested()) {
            if (remaining > SPIN_THRESHOLD_NANOS) {
                LockSupport.parkNanos(Math.min(remaining - SPIN_THRESHOLD_NANOS / 2, MAX_PARK_NANOS));
            } else {
                Thread.onSpinWait();
            }
            remaining = due - System.nanoTime();
        }
    }

    /** fio's thinktime: let in-flight I/O finish, spin for thinktime_spin, sleep the rest. */
    private void think() throws IOException {
        reapUntil(0);
        long now = System.nanoTime();
        long spinEnd = now + thinkSpinNanos;
        while (System.nanoTime() < spinEnd && !stop.requested()) {
            Thread.onSpinWait();
        }
        sleepUntil(now + thinkNanos);
    }

    /** Issues a FLUSH once every in-flight write has completed, and waits for it. */
    private void flush() throws IOException {
        reapUntil(0);
        for (int t = 0; t < targets.length && failure == null; t++) {
            if (!selector.capped() || opened.contains(targets[t])) {
                flush(targets[t]);
            }
        }
    }

    /** Issues a FLUSH of one target with nothing in flight, and waits for it. */
    private void flush(IoTarget target) throws IOException {
        IoUnit unit = free[--freeCount];
        unit.prepare(IoOp.FLUSH, target, 0, 0, 0);
        unitDir[unit.index()] = null;
        dueNs[unit.index()] = NO_TIME;
        if (!queue(unit)) {
            free[freeCount++] = unit;
            throw new IOException("ioengine=" + spec.ioengine() + " returned BUSY for a flush with nothing in flight");
        }
        reapUntil(0);
    }

    private void fillInitial(ByteBuffer buffer) {
        byte[] pattern = spec.bufferPattern();
        if (spec.zeroBuffers()) {
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

    private void refill(ByteBuffer buffer, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            buffer.putLong(i, fillRng.nextLong());
        }
        for (; i < length; i++) {
            buffer.put(i, (byte) fillRng.nextLong());
        }
    }
}
