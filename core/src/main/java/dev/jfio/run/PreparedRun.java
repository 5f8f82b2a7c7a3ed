package dev.jfio.run;

import dev.jfio.job.ContinueOnError;
import dev.jfio.job.IoOps;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.log.LogProfiles;
import dev.jfio.log.RunLogs;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.CpuSample;
import dev.jfio.stats.DiskUtilResult;
import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobInfo;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.JobResultBuilder;
import dev.jfio.stats.JobStats;
import dev.jfio.stats.LatencyTargetResult;
import dev.jfio.stats.LoopProfiles;
import dev.jfio.stats.PercentileConfig;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.UnifiedDirections;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Job clones that are set up and ready to start: fio's state after setup. {@link #run()} starts
 * them (honouring stonewall and wait_for), waits for them and builds the results.
 */
public final class PreparedRun {
    private static final long JOIN_SLICE_MILLIS = 100;
    private static final long STOP_GRACE_NANOS = 1_000_000_000L;

    private final JobSet jobSet;
    private final List<JobClone> clones;
    private final PrintStream err;
    private final StopSignal stop;
    private final StuckJobs stuck;
    private final DiskUtilization diskUtil = new DiskUtilization(new BlockDevices());
    private final RunLogs logs;
    private long stopSeenNanos;
    private boolean stragglersInterrupted;
    private OutOfMemoryError startFailure;
    /** The ranks' common start, or null when this process starts alone. */
    private Rendezvous rendezvous;

    private StartLine startLine;
    private final WallClock wall = new WallClock();

    PreparedRun(JobSet jobSet, List<JobClone> clones, PrintStream err, StopSignal stop, RunLogs logs) {
        this.jobSet = jobSet;
        this.logs = logs;
        this.clones = clones;
        this.err = err;
        this.stop = stop;
        this.stuck = new StuckJobs(clones, stop);
    }

    /**
     * Starts the first jobs (those before any stonewall or wait_for) together with other ranks: they
     * initialise, then wait until {@code rendezvous} returns; their ramp_time and runtime count from
     * then. Call before {@link #run()}.
     */
    public void startTogether(Rendezvous rendezvous) {
        this.rendezvous = rendezvous;
    }

    /** When this run's I/O started and where, for the rank's report. Read after {@link #run()}. */
    public StartFacts startFacts() {
        long io = clones.stream()
                .filter(c -> c.ioStartNanos != 0)
                .mapToLong(c -> wall.of(c.ioStartNanos))
                .min()
                .orElse(-1);
        JobClone first = clones.get(0);
        boolean laid = first.regionStart != null;
        return new StartFacts(
                io,
                startLine == null ? -1 : startLine.targetWallNanos(),
                laid ? first.regionStart[0] : 0,
                laid ? first.regionLength[0] : -1);
    }

    /**
     * {@code --bandwidth-log}: writes fio's aggregate bandwidth logs while the jobs run. Call before
     * {@link #run()}.
     *
     * @throws dev.jfio.job.JobSpecException when a file cannot be created
     */
    public void writeBandwidthLog() {
        List<JobStats> stats = new ArrayList<>();
        for (JobClone clone : clones) {
            stats.add(clone.stats);
        }
        logs.aggregateBandwidth(stats);
    }

    /** What fio's header says about each job (one per job, not per clone), in job order. */
    public List<JobHeader> headers() {
        List<JobHeader> headers = new ArrayList<>();
        JobSpec previous = null;
        for (JobClone clone : clones) {
            if (clone.spec == previous) {
                continue;
            }
            previous = clone.spec;
            headers.add(new JobHeader(
                    clone.spec.name(),
                    clone.groupId,
                    clone.spec.rw().fioName(),
                    Runner.blockSizeRange(clone.spec),
                    clone.provider.name(),
                    clone.depth,
                    clone.spec.numjobs() > 1));
        }
        return headers;
    }

    public int cloneCount() {
        return clones.size();
    }

    /** Starts the jobs, waits for them all and builds the results. */
    public Runner.Outcome run() {
        // jobs that may run together start together, behind one gate, so that a job that ends
        // at once (exitall) cannot keep its siblings from starting
        CountDownLatch gate = new CountDownLatch(1);
        int wave = StartLine.firstWave(clones);
        if (rendezvous != null) {
            startLine = new StartLine(rendezvous, wave, stop, err);
            for (int i = 0; i < wave; i++) {
                clones.get(i).startLine = startLine;
            }
        }
        logs.start();
        try {
            for (int i = 0; i < clones.size(); i++) {
                JobClone clone = clones.get(i);
                boolean stonewall = clone.cloneIndex == 0 && clone.spec.stonewall();
                if (stonewall || clone.spec.waitFor() != null) {
                    gate.countDown();
                    gate = new CountDownLatch(1);
                    if (i == wave && startLine != null) {
                        startLine.await();
                    }
                }
                if (stonewall) {
                    joinAll(clones.subList(0, i));
                }
                if (clone.spec.waitFor() != null) {
                    for (JobClone other : clones.subList(0, i)) {
                        if (other.spec.name().equals(clone.spec.waitFor())) {
                            join(other);
                        }
                    }
                }
                if (stop.requested()) {
                    break;
                }
                clone.startGate = gate;
                diskUtil.jobStarting(clone);
                if (!start(clone)) {
                    break;
                }
            }
            gate.countDown();
            if (startLine != null) {
                startLine.await();
            }
            joinAll(clones);
        } finally {
            gate.countDown();
            for (JobClone clone : clones) {
                if (!clone.started) {
                    clone.cleanup();
                }
            }
            logs.finish(err);
            for (JobClone clone : clones) {
                long dropped = clone.logs.dropped();
                if (dropped > 0) { // the JSON's "jfio" notes carry it too
                    clone.notes.add(dropped + " log entries dropped: the log writer could not keep up");
                }
            }
        }
        return collect();
    }

    /** Starts the clone's thread; false when the JVM could not (out of memory or threads): the run stops. */
    private boolean start(JobClone clone) {
        LoopProfiles.await();
        LogProfiles.primeFor(clone.logs);
        try {
            Thread thread = new Thread(clone, "jfio-" + clone.displayName());
            thread.setDaemon(true); // an abandoned job (see StuckJobs) must not keep the JVM alive
            clone.thread = thread;
            clone.started = true;
            thread.start();
            return true;
        } catch (OutOfMemoryError e) {
            clone.thread = null;
            clone.started = false;
            startFailure = e;
            stop.request(JobClone.OUT_OF_MEMORY);
            return false;
        }
    }

    /**
     * The first OutOfMemoryError of the run: a job thread's (that job failed with ENOMEM and the
     * others were stopped) or the one that kept a job thread from starting; null when none.
     * Read after {@link #run()}.
     */
    public OutOfMemoryError outOfMemory() {
        if (startFailure != null) {
            return startFailure;
        }
        for (JobClone clone : clones) {
            if (clone.outOfMemory != null) {
                return clone.outOfMemory;
            }
        }
        return null;
    }

    private void joinAll(List<JobClone> list) {
        for (JobClone clone : list) {
            join(clone);
        }
    }

    private void join(JobClone clone) {
        Thread t = clone.thread;
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive() && !clone.abandoned) {
            try {
                t.join(JOIN_SLICE_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
                stop.request("interrupted");
            }
            interruptStragglers();
            stuck.check(System.nanoTime());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once a stop has been requested, a job still running a second later is blocked (on a
     * server that does not answer): interrupt it, so its engine gives up and the report is printed.
     */
    private void interruptStragglers() {
        if (!stop.requested()) {
            return;
        }
        long now = System.nanoTime();
        if (stopSeenNanos == 0) {
            stopSeenNanos = now;
            return;
        }
        if (!stragglersInterrupted && now - stopSeenNanos >= STOP_GRACE_NANOS) {
            stragglersInterrupted = true;
            for (JobClone other : clones) {
                Thread thread = other.thread;
                if (thread != null && thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
    }

    private Runner.Outcome collect() {
        List<JobClone> ran = new ArrayList<>();
        List<JobResult> perClone = new ArrayList<>();
        int exit = 0;
        for (JobClone clone : clones) {
            if (!clone.started) {
                continue;
            }
            ran.add(clone);
            if (clone.error != 0) {
                exit = 1;
                boolean saidOnce = startLine != null && clone.errorMessage.equals(startLine.failure());
                if (clone.outOfMemory == null && !saidOnce) { // the caller says it once for the run (outOfMemory())
                    err.println("jfio: " + clone.displayName() + ": " + clone.errorMessage);
                }
            }
            perClone.add(JobResultBuilder.build(info(clone), clone.stats, cpu(clone.cpuStart), cpu(clone.cpuEnd)));
        }
        if (startFailure != null) {
            exit = 1;
        }
        return new Runner.Outcome(result(ran, perClone, diskUtil.finish()), exit);
    }

    /** A thread that died before sampling (out of memory) counts as having used nothing. */
    private static CpuSample cpu(CpuSample sample) {
        return sample == null ? CpuSample.ZERO : sample;
    }

    /**
     * A cumulative report of the jobs so far, for --status-interval: running clones answer
     * at their next completion; a clone that does not answer within a second is left out.
     */
    public RunResult statusSnapshot() {
        List<JobClone> ran = new ArrayList<>();
        List<JobResult> perClone = new ArrayList<>();
        for (JobClone clone : clones) {
            if (!clone.started || clone.cpuStart == null) {
                continue;
            }
            JobResult r = null;
            if (clone.finished) {
                r = JobResultBuilder.build(info(clone), clone.stats, clone.cpuStart, clone.cpuEnd);
            } else {
                try {
                    r = clone.stats
                            .requestStatus(info(clone), clone.cpuStart, ThreadCpu.SAMPLER)
                            .get(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    if (clone.finished) {
                        r = JobResultBuilder.build(info(clone), clone.stats, clone.cpuStart, clone.cpuEnd);
                    }
                }
            }
            if (r != null) {
                ran.add(clone);
                perClone.add(r);
            }
        }
        return result(ran, perClone, List.of()); // disk utilisation is read by the starting thread only
    }

    /** How far the run is, for --eta: bytes and I/Os so far, and each clone's phase and progress. Any thread. */
    public RunProgress progress() {
        long[] bytes = new long[IoOps.DATA.length];
        long[] ios = new long[IoOps.DATA.length];
        List<CloneProgress> each = new ArrayList<>(clones.size());
        long now = System.nanoTime();
        for (JobClone clone : clones) {
            CloneProgress.Phase phase = phase(clone);
            long cloneBytes = 0;
            for (IoOp d : IoOps.DATA) {
                long b = clone.stats.liveBytes(d);
                cloneBytes += b;
                if (phase != CloneProgress.Phase.RAMP) { // fio counts no I/O of ramp_time
                    bytes[d.ordinal()] += b;
                    ios[d.ordinal()] += clone.stats.liveIos(d);
                }
            }
            long total = clone.budget * Math.max(1, clone.spec.timing().loops());
            each.add(progressOf(clone, phase, cloneBytes, total, now));
        }
        return new RunProgress(bytes, ios, List.copyOf(each));
    }

    private static CloneProgress.Phase phase(JobClone clone) {
        if (!clone.started) {
            return CloneProgress.Phase.PENDING;
        }
        if (clone.finished) {
            return clone.error != 0 ? CloneProgress.Phase.FAILED : CloneProgress.Phase.DONE;
        }
        return clone.phase;
    }

    private static CloneProgress progressOf(
            JobClone clone, CloneProgress.Phase phase, long bytesDone, long total, long now) {
        JobSpec spec = clone.spec;
        OpenTargets open = clone.openTargets;
        long rateBytes = 0;
        long rateIops = 0;
        for (IoOp d : IoOps.DATA) {
            if (spec.rw().uses(d)) {
                rateBytes += spec.rate().bytesPerSecond(d);
                rateIops += spec.rate().iops(d);
            }
        }
        long since = clone.phaseStartNanos;
        boolean verifiesWrites = spec.verify().mode() != null && spec.rw().writes();
        return new CloneProgress(
                phase,
                spec.rw(),
                spec.rwmixread(),
                open == null ? 0 : open.count(),
                since == 0 ? 0 : Math.max(0, now - since),
                bytesDone,
                verifiesWrites ? total + total * (spec.rw().reads() ? 100 - spec.rwmixread() : 100) / 100 : total,
                spec.timing().timeBased(),
                spec.timing().runtimeNanos(),
                spec.timing().rampTimeNanos(),
                spec.timing().startDelayNanos(),
                rateBytes,
                rateIops,
                clone.cloneIndex == 0 && spec.stonewall());
    }

    /**
     * Keeps figures per interval in every clone, for --interval-stats: call before {@link #run()}.
     * The collector it returns takes them, on one thread.
     */
    public IntervalCollector keepIntervals() {
        return new IntervalCollector(clones);
    }

    private RunResult result(List<JobClone> allRan, List<JobResult> allPerClone, List<DiskUtilResult> disks) {
        List<JobClone> ran = new ArrayList<>();
        List<JobResult> perClone = new ArrayList<>();
        for (int k = 0; k < allRan.size(); k++) {
            if (allRan.get(k).spec.reporting().measurement().stats()) { // stats=0: not in the report, as fio
                ran.add(allRan.get(k));
                perClone.add(allPerClone.get(k));
            }
        }
        List<JobResult> shown = new ArrayList<>();
        int i = 0;
        while (i < ran.size()) {
            JobClone clone = ran.get(i);
            if (!clone.spec.reporting().groupReporting()) {
                shown.add(perClone.get(i));
                i++;
                continue;
            }
            int j = i;
            List<JobResult> members = new ArrayList<>();
            while (j < ran.size()
                    && ran.get(j).groupId == clone.groupId
                    && ran.get(j).spec.reporting().groupReporting()) {
                members.add(perClone.get(j));
                j++;
            }
            shown.add(members.size() == 1 ? members.get(0) : JobResultBuilder.merge(members));
            i = j;
        }
        shown.replaceAll(UnifiedDirections::forReport);
        List<GroupResult> groups = JobResultBuilder.groups(shown);
        return new RunResult(
                Version.FIO_RELEASE, System.currentTimeMillis(), globalOptions(), shown, groups, disks, null, null);
    }

    private Map<String, String> globalOptions() {
        return new LinkedHashMap<>(jobSet.globalOptions());
    }

    private JobInfo info(JobClone clone) {
        JobSpec spec = clone.spec;
        long elapsed = Math.max(0, (clone.endNanos - clone.startNanos) / 1_000_000_000L);
        Map<String, String> props;
        try {
            props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clone.engine.properties()));
        } catch (RuntimeException e) {
            props = Map.of();
        }
        PercentileConfig pct = new PercentileConfig(
                spec.reporting().clatPercentiles(),
                spec.reporting().latPercentiles(),
                spec.reporting().slatPercentiles(),
                spec.reporting().percentileList());
        return new JobInfo(
                spec.name(),
                clone.groupId,
                clone.error,
                clone.errorMessage,
                spec.jobOptions(),
                spec.description(),
                clone.provider.name(),
                spec.rw().fioName(),
                Runner.blockSizeRange(spec),
                clone.depth,
                clone.startEpochMillis,
                elapsed,
                pct,
                clone.rateLimited,
                spec.continueOnError() != ContinueOnError.NONE,
                props,
                List.copyOf(clone.notes),
                spec.timing().hasDeadline() ? spec.timing().drainTimeoutNanos() / 1_000_000L : -1,
                spec.reporting().measurement().unifiedRw(),
                spec.reporting().measurement().significantFigures(),
                new LatencyTargetResult(
                        spec.latency().targetNanos(),
                        spec.latency().windowNanos() / 1000,
                        spec.latency().percentile(),
                        clone.latencyDepth == 0 ? clone.depth : clone.latencyDepth));
    }
}
