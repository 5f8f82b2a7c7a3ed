package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.log.JobLogs;
import dev.jfio.spi.Completions;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.stats.JobStats;
import java.io.IOException;

/**
 * The queue/reap loop of one job clone: fio's {@code do_io}. Runs on the job thread only.
 *
 * <p>Each turn gets the next I/O from the {@link IoPlanner}, queues it, commits when a batch of
 * {@code iodepth_batch_submit} is full, reaps with {@code iodepth_batch_complete_min/max} down to
 * {@code iodepth_low}, and accounts each completion into {@link JobStats}. The {@link RunClock}
 * says when the job is over (size, loops, runtime), the {@link Pacer} when the next I/O may go
 * (rate, thinktime); the run's {@link StopSignal} ends it early. Nothing is allocated per I/O:
 * units ({@link UnitPool}), timestamps and generators are created once in the constructor.
 *
 * <p>Every wait for completions is bounded once the job has a deadline: with runtime, until the
 * deadline plus drain_timeout; after a stop request, drain_timeout from then. The I/O still in
 * flight at that limit is abandoned: each counts as a failed I/O with ETIMEDOUT and the job
 * fails. Without runtime (a size-bounded job) the waits are the engine's to bound (NBD:
 * request_timeout).
 */
final class IoLoop implements Completions, LoopControl {
    private static final long NO_TIME = UnitPool.NO_TIME;

    private final IoEngine engine;
    private final String engineName;
    private final JobStats stats;
    private final JobLogs logs;
    private final StopSignal stop;
    private final QueueDepths depths;
    private final IoTarget[] targets;

    private final UnitPool pool;
    private final BufferFill fill;
    private final OpenFiles files;
    private final IoSource planner;
    private final RunClock clock;
    private final Pacer pacer;
    private final LatencyTarget latency;
    /** Null when the job does not verify. */
    private final VerifyBookkeeping verify;

    /** Units queued but not yet committed, by index. */
    private final int[] uncommitted;

    private int uncommittedCount;
    private int inFlight;
    /** Units handed to {@link #completed} during the current getEvents call. */
    private final IoUnit[] reaped;

    private int reapedCount;

    private final SyncCadence syncs;
    private final boolean timed; // false under gtod_reduce: no clock read at submit or commit
    private final CompletionAccounting accounting;

    /** Told which phase the loop is in, for the ETA line. */
    private final JobClone clone;

    private JobFailedException failure;
    /** rate_min / rate_iops_min, from the start of measuring; null when not set or ramping. */
    private MinimumRate minRate;
    /** What ended the job when the drain is cut short, for the message. */
    private String drainCause = "runtime ended";

    /** @param opened the targets open (none yet); the clone closes whatever is open at the end */
    IoLoop(JobClone clone, OpenTargets opened) throws IOException {
        JobSpec spec = clone.spec;
        this.clone = clone;
        this.engine = LockingEngine.of(clone.engine, clone.locks);
        this.engineName = spec.ioengine();
        this.stats = clone.stats;
        this.logs = clone.logs;
        this.stop = clone.stop;
        this.depths = QueueDepths.of(spec, clone.depth);
        this.targets = clone.targets.toArray(new IoTarget[0]);
        Seeds seeds = new Seeds(spec, clone.cloneIndex, clone.rank);
        this.fill = new BufferFill(spec, seeds);
        this.pool = new UnitPool(clone.depth, clone.memory, fill, Overlaps.serialized(spec, clone.depth));
        this.files = new OpenFiles(clone, targets, opened, seeds.stream(40), this);
        this.pacer = new Pacer(spec, seeds, stop, stats);
        this.planner = IoSource.of(clone, targets, seeds, files, pacer, this);
        this.latency = new LatencyTarget(spec.latency(), depths, clone, planner);
        this.clock = new RunClock(spec, clone.stats);
        this.verify = VerifyBookkeeping.of(clone, targets, seeds, files);
        this.uncommitted = new int[clone.depth];
        this.reaped = new IoUnit[clone.depth];
        this.syncs = new SyncCadence(spec);
        this.timed = clone.timesIo();
        this.accounting = new CompletionAccounting(
                clone, pool, clock, latency, verify, new IoErrors(spec, stats, clone.view, clone.view::endJob));
    }

    /**
     * Runs the job's I/O to the end: size, loops, runtime, a stop request or a failure.
     *
     * @throws JobFailedException when an I/O fails and continue_on_error does not cover it
     * @throws IOException when the engine cannot go on
     */
    void run() throws IOException, JobFailedException {
        long start = System.nanoTime();
        clock.start(start);
        if (clock.limited()) {
            engine.timeLimit(clock.waitLimit());
        }
        stats.begin(start);
        clone.enter(
                clone.spec.timing().rampTimeNanos() > 0 ? CloneProgress.Phase.RAMP : CloneProgress.Phase.RUNNING,
                start);
        logs.begin(start);
        pacer.start(start);
        if (clone.spec.timing().rampTimeNanos() == 0) {
            minRate = MinimumRate.of(clone.spec.rate(), start);
        }
        try {
            runToEnd();
        } catch (IOException | RuntimeException e) {
            // the engine failed the job (a file operation's errno): the time it ran still counts
            stats.end(Math.max(clock.lastCompletion(), System.nanoTime()));
            logs.end(System.nanoTime());
            throw e;
        }
        stats.end(Math.max(clock.lastCompletion(), System.nanoTime()));
        logs.end(System.nanoTime());
        if (failure != null) {
            throw failure;
        }
    }

    private void runToEnd() throws IOException {
        files.openFirst();
        // The loop's work is a method of its own: the JIT compiles a method after a few thousand
        // calls, but a loop inside one only after tens of thousands of iterations (on-stack
        // replacement): at 12 k IOPS the loop ran interpreted for the first 2.5 s of a job.
        while (failure == null && step()) {}
        drain();
        if (verify != null) {
            if (verify.verifyAfterWrites() && failure == null && !stop.requested()) {
                verifyWritten();
            }
            failure = verify.conclude(failure);
        }
        if (failure == null && syncs.flushAtEnd()) {
            flush();
        }
        if (failure == null && files.flushesOnClose()) {
            flush();
        }
    }

    /**
     * One turn of the loop: reaps, submits, waits, flushes or verifies, whichever is due.
     *
     * <p>What happens once or seldom (the ends of the ramp, a pass and runtime, a stop, rate_min,
     * steady state) takes one branch to {@link #attend}, taken at least every {@link
     * RunClock#CHECK_INTERVAL_NANOS}: HotSpot compiles a branch it never saw taken into a trap that
     * discards the compiled loop when first taken, as the ramp's end did ({@code CompiledLoopIT}).
     *
     * @return false when the job is over (deadline, stop, or the last pass done)
     */
    private boolean step() throws IOException {
        long now = clock.now();
        stats.tick(now);
        logs.tick(now);
        if (clone.view.endRequested || verify != null && verify.stateReached()) {
            return false; // an engine ended the job, or verify_state_load's writes are checked
        }
        if (latency.searching() && clock.measuring() && latency.turn(now, this)) {
            return false;
        }
        if (inFlight >= latency.depth()) {
            reapUntil(latency.lowWater());
            return true;
        }
        if (verify != null && verify.takeBacklogDue()) {
            verifyWritten();
            return true;
        }
        int due = clock.checksDue(now);
        if (due == 0 && !planner.hasPlan()) {
            planner.planNext(); // at a pass's end, planMissing() is 1
        }
        if ((due | planner.planMissing()) != 0) {
            return attend(now, due);
        }
        return proceed(now);
    }

    /**
     * The seldom part of a turn: when the checks are {@code due}, the ramp's end, runtime's, a stop
     * and rate_min, then the turn's I/O (planned only now, so that none is planned past the
     * deadline); else the pass's end.
     */
    private boolean attend(long now, int due) throws IOException {
        if (due != 0) {
            clock.checked(now);
            if (clock.rampEnds(now)) {
                stats.begin(now);
                clone.enter(CloneProgress.Phase.RUNNING, now);
                logs.begin(now);
                planner.restartBudget();
                minRate = MinimumRate.of(clone.spec.rate(), now);
                latency.restart(now);
            }
            if (minRate != null && minRate.due(now) && (failure = minRate.check(now, stats)) != null) {
                return false;
            }
            if (over(now)) {
                return false;
            }
            if (planner.hasPlan() || planner.planNext()) {
                return proceed(now);
            }
        }
        return passEnds();
    }

    /** Whether runtime is over or the job was stopped (then what is in flight gets drain_timeout). */
    private boolean over(long now) {
        if (clock.expired(now)) {
            return true;
        }
        if (stop.requested()) {
            clock.stoppedAt(now);
            engine.timeLimit(clock.waitLimit());
            drainCause = "the job was stopped";
            return true;
        }
        return false;
    }

    /** The pass is done: drains (or verifies) and starts the next, unless it was the last or time is up. */
    private boolean passEnds() throws IOException {
        if (!clock.endPass()) {
            return false;
        }
        if (verify != null && verify.verifyAfterWrites() && !clock.timeBased()) {
            verifyWritten(); // as fio: after every loop, before the next one overwrites the blocks
        } else {
            drain();
        }
        if (failure != null || over(clock.now())) {
            return false;
        }
        clock.nextPass();
        planner.startNewPass();
        return true;
    }

    /** The usual part of a turn, with an I/O planned: flushes, waits for its time, or queues it. */
    private boolean proceed(long now) throws IOException {
        if (syncs.flushDue()) { // as fio: only when another I/O follows
            flush();
            return true;
        }
        long due = planner.due();
        if (due != NO_TIME && now < due) {
            waitUntil(due);
            return true;
        }
        if (clone.flow != null && clone.flow.holdsBack(this)) {
            return true;
        }
        if (!submitPlanned(now)) {
            reapOneForBusy();
            return true;
        }
        if (pacer.thinkDue()) {
            drain();
            pacer.think();
        }
        return true;
    }

    /** Queues the planned I/O; false when the engine was BUSY (the plan is kept for a retry). */
    private boolean submitPlanned(long now) throws IOException {
        RunnerUnit unit = pool.take();
        int i = unit.index();
        IoOp planned = planner.op();
        boolean checked = verify != null && verify.readsBack(planned);
        IoOp op = checked ? IoOp.READ : planned;
        if (op == IoOp.WRITE) {
            fill.beforeWrite(unit.buffer(), planner.offset(), planner.length(), now);
        }
        unit.set(op, planner.target(), planner.offset(), planner.length(), 0);
        if (verify != null) {
            verify.prepared(unit, planner.targetIndex(), checked);
        }
        pool.accountedOp[i] = op;
        pool.dueNs[i] = planner.due();
        if (pool.overlapsInFlight(unit) || !queue(unit)) { // serialize_overlap: BUSY while an overlap is out
            pool.give(unit);
            return false;
        }
        stats.recordIssue(op);
        if (planned == IoOp.WRITE) {
            syncs.wrote();
        }
        planner.submitted();
        return true;
    }

    /** Queues a prepared unit and accounts what the engine did; false on BUSY. */
    private boolean queue(IoUnit unit) throws IOException {
        int i = unit.index();
        pool.startNs[i] = timed || clone.iolog != null ? System.nanoTime() : 0;
        if (clone.iolog != null) clone.iolog.queued(unit, pool.startNs[i]); // write_iolog: as fio, before the engine
        stats.recordDepth(inFlight + 1);
        QueueResult result = engine.queue(unit);
        if (result == QueueResult.COMPLETED) {
            long end = System.nanoTime();
            pool.issueNs[i] = NO_TIME;
            account(unit, end);
            pool.give(unit);
            stats.recordSubmitBatch(1);
            return true;
        }
        if (result == QueueResult.BUSY) {
            return false;
        }
        inFlight++;
        uncommitted[uncommittedCount++] = i;
        if (uncommittedCount >= depths.batchSubmit() || inFlight >= latency.depth()) {
            commit();
        }
        return true;
    }

    private void commit() throws IOException {
        if (uncommittedCount == 0) {
            return;
        }
        engine.commit();
        long now = timed ? System.nanoTime() : NO_TIME;
        for (int k = 0; k < uncommittedCount; k++) {
            pool.issueNs[uncommitted[k]] = now;
        }
        stats.recordSubmitBatch(uncommittedCount);
        uncommittedCount = 0;
    }

    /** The engine was BUSY: reap one completion to make room. */
    private void reapOneForBusy() throws IOException {
        if (inFlight == 0) {
            throw new IOException("ioengine=" + engineName + " returned BUSY with nothing in flight");
        }
        reapUntil(inFlight - 1);
    }

    @Override
    public void drain() throws IOException {
        reapUntil(0);
    }

    /** Reaps completions until at most {@code target} units are in flight. */
    private void reapUntil(int target) throws IOException {
        commit();
        while (inFlight > target && failure == null) {
            int need = inFlight - target;
            int min = Math.min(inFlight, Math.max(need, depths.completeMin()));
            int max = Math.max(min, Math.min(inFlight, depths.completeMax()));
            long wait = clock.waitNanos();
            if (wait == 0) {
                abandonInFlight();
                return;
            }
            if (reap(min, max, wait) == 0 && wait > 0) {
                clock.observe(System.nanoTime()); // the wait ran out: the next one is shorter
            }
        }
    }

    /**
     * The wait limit passed with I/O still in flight: the engine keeps those units, and each one
     * counts as a failed I/O with ETIMEDOUT; the job fails (whatever continue_on_error says).
     */
    private void abandonInFlight() {
        JobFailedException timedOut = IoErrors.abandoned(pool, stats, clock.drainNanos(), drainCause);
        inFlight = 0;
        uncommittedCount = 0;
        if (failure == null) {
            failure = timedOut;
        }
    }

    /** One getEvents call, its completions accounted; returns how many. */
    private int reap(int min, int max, long timeoutNanos) throws IOException {
        reapedCount = 0;
        int n = engine.getEvents(min, max, timeoutNanos, this);
        if (n != reapedCount) {
            throw new IOException("ioengine=" + engineName + " reported " + n
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
                pool.give(unit);
            }
            stats.recordCompleteBatch(n);
        }
        return n;
    }

    /** Completions sink: called by the engine inside getEvents, on this thread; accounted when it returns. */
    @Override
    public void completed(IoUnit unit) {
        if (reapedCount == reaped.length) {
            throw new IllegalStateException("ioengine=" + engineName + " handed more completions than units in flight");
        }
        reaped[reapedCount++] = unit;
    }

    private void account(IoUnit unit, long end) {
        failure = accounting.account(unit, end, failure);
    }

    /** Reads back and checks every block written since the last verify (fio's verify phase). */
    private void verifyWritten() throws IOException {
        drain();
        int k = 0;
        while (failure == null && !stop.requested()) {
            if (inFlight >= depths.depth()) {
                reapUntil(depths.depth() - 1);
                continue;
            }
            RunnerUnit unit = pool.take();
            int i = unit.index();
            if (!verify.prepareReadBack(unit, k, targets)) {
                pool.give(unit);
                break;
            }
            pool.accountedOp[i] = unit.op(); // a read back, or a trim_backlog trim
            pool.dueNs[i] = NO_TIME;
            if (!queue(unit)) {
                pool.give(unit);
                reapOneForBusy();
                continue;
            }
            stats.recordIssue(unit.op());
            k++;
        }
        drain();
        verify.verified();
    }

    /** Waits for the planned I/O's scheduled time, reaping completions meanwhile. */
    private void waitUntil(long due) throws IOException {
        long now = System.nanoTime();
        long wait = Math.min(due - now, clock.untilDeadline(now)); // never past runtime
        if (inFlight > 0) {
            commit();
            reap(1, inFlight, wait);
            return;
        }
        pacer.sleepUntil(now + wait);
    }

    /** Issues a FLUSH of every open target once every in-flight write has completed, and waits for it. */
    private void flush() throws IOException {
        drain();
        for (int t = 0; t < targets.length && failure == null; t++) {
            if (files.isOpen(t)) {
                flush(targets[t]);
            }
        }
    }

    @Override
    public void flushBeforeClose(IoTarget target) throws IOException {
        if (failure == null) {
            flush(target);
        }
    }

    /** Issues a FLUSH of one target with nothing in flight, and waits for it. */
    private void flush(IoTarget target) throws IOException {
        RunnerUnit unit = pool.take();
        unit.set(IoOp.FLUSH, target, 0, 0, 0);
        pool.accountedOp[unit.index()] = null;
        pool.dueNs[unit.index()] = NO_TIME;
        if (!queue(unit)) {
            pool.give(unit);
            throw new IOException("ioengine=" + engineName + " returned BUSY for a flush with nothing in flight");
        }
        drain();
    }
}
