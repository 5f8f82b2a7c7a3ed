package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.job.Measurement;
import dev.jfio.log.JobLogs;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.stats.CpuSample;
import dev.jfio.stats.HdrIntervalLog;
import dev.jfio.stats.JobStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One clone of a job (fio's thread_data): its engine, targets, statistics and the thread that
 * runs it. The main thread builds and sets it up; {@link #run()} runs on the job's own thread.
 */
final class JobClone implements Runnable {
    /** A failed job's message and the stop reason when the JVM ran out of memory. */
    static final String OUT_OF_MEMORY = "out of memory";

    final JobSpec spec;
    final int cloneIndex;
    /** This clone's number among all the run's job threads, from 0 (fio's thread_number - 1); set before it starts. */
    int threadNumber;
    /** This process's rank (0 alone); set before it starts. */
    int rank;
    /** The run's number of ranks (1 alone); set before it starts. */
    int ranks = 1;
    /** The run's I/O jobs when this clone is one of them (its end is counted), else null; set before it starts. */
    IoJobs ioJobs;
    /** flow / flow_id, or null; set before it starts. */
    FlowControl flow;
    /** lockfile's locks, shared by the job's clones, or null; set before it starts. */
    FileLocks locks;

    final int groupId;
    final IoEngineProvider provider;
    final IoEngine engine;
    final RunnerJobView view;
    final boolean synchronous;
    final int depth;
    final StopSignal stop;
    final List<String> notes = new ArrayList<>();
    /** The depth the I/O loop may use: iodepth, or the one latency_target's search found. */
    int latencyDepth;

    List<IoTarget> targets = List.of();
    long[] regionStart;
    /** Per target: the length of its region from {@link #regionStart}. */
    long[] regionLength;
    /** Bytes per pass (loop): io_size, or the whole region. */
    long budget;
    /** Whether a pass goes round the region more than once (io_size above size). */
    boolean budgetWraps;

    JobStats stats;
    /** The iolog this clone replays (read_iolog), or null when its I/O is generated. */
    ReplayLog replay;

    /** A chunked replay's log, open while it is read (closed with the targets); null otherwise. Job thread. */
    java.io.Closeable replayInput;

    /** write_iolog's log, open while the job thread runs; null when the job writes none. */
    IologWriter iolog;

    /** The clone's log files (write_bw_log and the rest); {@link JobLogs#NONE} when it writes none. */
    JobLogs logs = JobLogs.NONE;

    boolean rateLimited;
    /** write_hdr_log's file, or null. */
    private HdrIntervalLog hdrLog;

    /** Released once every clone that starts together with this one has been started. */
    volatile CountDownLatch startGate;

    /** Where the clone waits, ready, for the ranks' common start; null when it does not (set before it starts). */
    StartLine startLine;

    /** When the I/O loop started ({@link System#nanoTime()}), or 0 when it did not. */
    volatile long ioStartNanos;

    volatile boolean started;
    volatile boolean finished;
    Thread thread;
    int error;
    String errorMessage;
    volatile CpuSample cpuStart;
    CpuSample cpuEnd;
    long startEpochMillis;
    volatile long startNanos;
    long endNanos;
    /**
     * The target the job thread is opening, which could block outside the I/O loop, or null. A
     * target rather than a message: a TIMED_OPEN engine opens once per operation, and building
     * the text each time would allocate per operation.
     */
    volatile IoTarget opening;
    /** Set by {@link StuckJobs}: the thread was interrupted for being overdue. Main thread only. */
    boolean interruptedAsStuck;
    /** Set by {@link StuckJobs}: the thread is left blocked and the job reported as failed. */
    volatile boolean abandoned;
    /** What this clone's thread ran out of memory with (the run stops), or null. */
    volatile OutOfMemoryError outOfMemory;
    /** What the job thread does, for the ETA line: STARTING until its I/O loop runs. */
    volatile CloneProgress.Phase phase = CloneProgress.Phase.STARTING;
    /** When {@link #phase} began ({@link System#nanoTime()}). */
    volatile long phaseStartNanos;
    /** The targets open now, for the ETA line (read racily: a count shown once a second). */
    volatile OpenTargets openTargets;

    private boolean initCalled;
    /** The I/O buffers' memory (mem=, lockmem=), from before the I/O loop until the job ends; job thread only. */
    IoMemory memory;

    private boolean cleanedUp;

    /** Whom exitall and exitall_on_error end (exit_what); set before the clone starts. */
    ExitScope exits;

    /** fio's --aux-path: the directory of verify_dump's files; null for the working directory. */
    java.nio.file.Path auxPath;

    JobClone(
            JobSpec spec,
            int cloneIndex,
            int groupId,
            IoEngineProvider provider,
            IoEngine engine,
            RunnerJobView view,
            boolean synchronous,
            int depth,
            StopSignal stop) {
        this.spec = spec;
        this.cloneIndex = cloneIndex;
        this.groupId = groupId;
        this.provider = provider;
        this.engine = engine;
        this.view = view;
        this.synchronous = synchronous;
        this.depth = depth;
        this.stop = stop;
    }

    /** The name of the clone in messages: the job's name, with the clone number when there are several. */
    String displayName() {
        return spec.numjobs() > 1 ? spec.name() + "." + cloneIndex : spec.name();
    }

    /**
     * The direction whose completion latency records each open of a {@link EngineFlag#TIMED_OPEN}
     * engine (read when the job reads, else write; read for a trim-only job, as fio's engines
     * leave it), or null for other engines.
     */
    IoOp timedOpenDirection() {
        if (!provider.flags().contains(EngineFlag.TIMED_OPEN)) {
            return null;
        }
        return spec.rw().reads() || !spec.rw().writes() ? IoOp.READ : IoOp.WRITE;
    }

    /**
     * Whether each I/O's submission and issue times are read: not when the job keeps no latency
     * (fio's gtod_reduce, or disable_lat, disable_clat and disable_slat together) and logs none.
     */
    boolean timesIo() {
        Measurement m = spec.reporting().measurement();
        return m.lat()
                || m.clat()
                || m.slat()
                || spec.logs().latLog() != null
                || spec.logs().histLog() != null;
    }

    /** Creates the statistics once the layout is known; main thread, before the job starts. */
    void prepareStats() {
        boolean[] used = new boolean[IoOps.DATA.length];
        used[IoOp.READ.ordinal()] = spec.rw().reads();
        used[IoOp.WRITE.ordinal()] = spec.rw().writes();
        used[IoOp.TRIM.ordinal()] = spec.rw().trims();
        // verify reads are reads, as in fio's report
        used[IoOp.READ.ordinal()] |= spec.verify().mode() != null;
        used[IoOp.TRIM.ordinal()] |= spec.verify().trim().percentage() > 0; // trim_backlog's trims
        IoOp timedOpen = timedOpenDirection();
        if (timedOpen != null) {
            used[timedOpen.ordinal()] = true;
        }
        for (IoOp d : IoOps.DATA) {
            rateLimited |= spec.rate().bytesPerSecond(d) > 0 || spec.rate().iops(d) > 0;
        }
        stats = new JobStats(
                used, !synchronous, rateLimited, depth, spec.reporting().measurement());
        if (spec.engineOption("cmdprio_percentage") != null || spec.engineOption("cmdprio_bssplit") != null) {
            stats.keepPriorities(); // fio keeps clat_prio stats for these engine options alone
        }
        hdrLog = HdrLogs.configure(spec, threadNumber + 1, stats);
    }

    @Override
    public void run() {
        try {
            runJob();
        } catch (OutOfMemoryError e) { // starting or winding up, where runJob does not catch it
            ranOutOfMemory(e);
            finished = true;
        }
    }

    /** The job fails with ENOMEM and the run stops. Allocates nothing: the heap may be full. */
    private void ranOutOfMemory(OutOfMemoryError e) {
        if (outOfMemory == null) {
            outOfMemory = e;
        }
        fail(Errno.ENOMEM, OUT_OF_MEMORY);
        stop.run().request(OUT_OF_MEMORY);
    }

    private void runJob() {
        boolean lined = startLine != null;
        awaitStart();
        startEpochMillis = System.currentTimeMillis();
        startNanos = System.nanoTime();
        cpuStart = ThreadCpu.current();
        OpenTargets opened = new OpenTargets(targets);
        openTargets = opened;
        try {
            ThreadPlacement.apply(spec, threadNumber);
            String prerun = spec.scheduling().prerun();
            if (prerun != null) {
                int status = ExecHooks.run(displayName(), "prerun", prerun, view);
                if (status != 0) {
                    throw new JobFailedException(
                            Errno.ECANCELED,
                            "exec_prerun '" + prerun + "' exited with status " + status + "; the job did not run");
                }
            }
            if (spec.timing().startDelayNanos() > 0 && !lined) {
                delayStart();
            }
            if (!stop.requested()) {
                if (spec.replay().writeIolog() != null) {
                    iolog = IologWriter.open(spec.replay().writeIolog(), targets);
                }
                initCalled = true;
                engine.init();
                memory = IoMemory.allocate(spec, depth);
                if (!spec.region().files().lifecycle().createOnly()) {
                    FileChores.preRead(this);
                    IoLoop loop = new IoLoop(this, opened);
                    if (lined) { // startdelay then counts from the common start
                        lined = false;
                        awaitCommonStart();
                        if (spec.timing().startDelayNanos() > 0) {
                            delayStart();
                        }
                    }
                    ioStartNanos = System.nanoTime();
                    loop.run(); // opens the files once measuring starts, as fio
                }
            }
        } catch (JobFailedException e) {
            fail(e.errno(), e.getMessage());
        } catch (IOException e) {
            int errno = Errno.of(e, Errno.EIO);
            fail(
                    errno,
                    errno == Errno.EMFILE
                            ? message(e) + " (" + opened.count() + " of " + targets.size()
                                    + " files open: try a lower openfiles=, or raise ulimit -n)"
                            : message(e));
        } catch (OutOfMemoryError e) {
            ranOutOfMemory(e);
        } catch (RuntimeException | Error e) {
            fail(Errno.EIO, "internal error in ioengine=" + provider.name() + ": " + e);
            if (Boolean.getBoolean("jfio.debug")) {
                e.printStackTrace();
            }
        } finally {
            if (lined) {
                startLine.leave();
            }
            for (IoTarget target : opened.list()) {
                try {
                    engine.close(target);
                    if (iolog != null) {
                        iolog.closed(target, System.nanoTime());
                    }
                } catch (IOException | RuntimeException e) {
                    fail(Errno.of(e, Errno.EIO), "closing " + target + ": " + message(e));
                }
            }
            if (replayInput != null) {
                try {
                    replayInput.close();
                } catch (IOException e) {
                    // the log was only read: nothing is lost
                }
            }
            if (iolog != null) {
                String lost = iolog.close();
                if (lost != null) {
                    fail(Errno.EIO, lost);
                }
            }
            cleanup();
            if (memory != null) {
                memory.close();
            }
            cpuEnd = ThreadCpu.current();
            endNanos = System.nanoTime();
            compactStats();
            if (flow != null) {
                flow.leave();
            }
            if (ioJobs != null) {
                ioJobs.finished();
            }
            runPostrun();
            finished = true;
            if (spec.exitall()) {
                exits.end(this, "exitall: job " + displayName() + " finished");
            } else if (error != 0 && spec.exitallOnError()) {
                exits.end(this, "exitall_on_error: job " + displayName() + " failed");
            }
        }
    }

    /** exec_postrun, after the job's figures are taken (fio runs it once the job is done, whatever its result). */
    private void runPostrun() {
        String postrun = spec.scheduling().postrun();
        if (postrun == null) {
            return;
        }
        try {
            int status = ExecHooks.run(displayName(), "postrun", postrun, view);
            if (status != 0) {
                view.notice("exec_postrun '" + postrun + "' exited with status " + status);
            }
        } catch (JobFailedException e) {
            fail(e.errno(), e.getMessage());
        }
    }

    /** The job thread's I/O loop enters {@code next} at {@code nowNanos}. Job thread. */
    void enter(CloneProgress.Phase next, long nowNanos) {
        if (phase == CloneProgress.Phase.RAMP && next == CloneProgress.Phase.RUNNING) {
            cpuStart = ThreadCpu.current(); // fio's clear_rusage_stat: ramp_time's CPU is not the job's
        }
        phaseStartNanos = nowNanos;
        phase = next;
    }

    /** What the job thread is doing that could block outside the I/O loop ("opening /dev/x"), or null. */
    String activity() {
        IoTarget target = opening;
        return target == null ? null : "opening " + target.name();
    }

    /** Opens a target through the engine, saying what the thread is doing while it may block. */
    void open(IoTarget target) throws IOException {
        opening = target;
        try {
            engine.open(target);
        } finally {
            opening = null;
        }
        if (iolog != null) {
            iolog.opened(target, System.nanoTime());
        }
    }

    /**
     * The job fails with {@code errno} while its thread stays blocked (see {@link StuckJobs}): the
     * report uses what it did so far; its CPU counts as unknown (zero). Main thread.
     */
    synchronized void abandon(int errno, String message) {
        fail(errno, message);
        endNanos = System.nanoTime();
        abandoned = true;
    }

    /**
     * Packs the histograms once the job's CPU and time are sampled: packing is bookkeeping after the
     * I/O, not part of it (fio's usr/sys stop with the I/O too). Not once the main thread abandoned
     * the job: it reports from these statistics then. Job thread.
     */
    private synchronized void compactStats() {
        if (!abandoned) {
            stats.compact();
        }
    }

    /**
     * Waits at the start line for the other ranks; the job's time (its limit, elapsed, CPU) counts
     * from the release. While it waits it is not overdue: StuckJobs skips a clone whose start is 0.
     */
    private void awaitCommonStart() throws JobFailedException {
        startNanos = 0;
        try {
            startLine.arrive();
        } finally {
            startEpochMillis = System.currentTimeMillis();
            startNanos = System.nanoTime();
            cpuStart = ThreadCpu.current();
        }
    }

    /** Waits until every job that starts with this one has its thread (see PreparedRun). */
    private void awaitStart() {
        CountDownLatch gate = startGate;
        if (gate == null) {
            return;
        }
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void delayStart() {
        long until = System.nanoTime() + spec.timing().startDelayNanos();
        long remaining;
        while ((remaining = until - System.nanoTime()) > 0 && !stop.requested()) {
            LockSupport.parkNanos(Math.min(remaining, 50_000_000L));
        }
    }

    /** Releases the engine once, from whichever thread ends the clone's life. */
    synchronized void cleanup() {
        if (!cleanedUp) {
            cleanedUp = true;
            try {
                engine.cleanup();
            } catch (RuntimeException e) {
                fail(Errno.EIO, "cleanup of ioengine=" + provider.name() + " failed: " + e);
            }
            String lost = HdrLogs.close(hdrLog);
            if (lost != null) {
                fail(Errno.EIO, lost);
            }
        }
    }

    boolean initCalled() {
        return initCalled;
    }

    private synchronized void fail(int errno, String message) {
        if (error == 0) {
            error = errno;
            errorMessage = message;
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
