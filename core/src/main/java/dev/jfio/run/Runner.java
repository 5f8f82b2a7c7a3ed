package dev.jfio.run;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.ContinueOnError;
import dev.jfio.job.Ddir;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.report.Reports;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobInfo;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.JobResultBuilder;
import dev.jfio.stats.PercentileConfig;
import dev.jfio.stats.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a set of jobs as fio does: every job clone is created and set up on the calling thread
 * before any starts; then each clone runs on its own thread, honouring stonewall, wait_for and
 * startdelay; the results are merged per reporting group.
 */
public final class Runner {
    /** The version reports print ("fio version" in JSON). */
    public static final String VERSION = "jfio-" + Version.get();

    private static final long JOIN_SLICE_MILLIS = 100;
    private static final long STOP_GRACE_NANOS = 1_000_000_000L;

    private final EngineRegistry engines;
    private final PrintStream err;
    private final StopSignal stop;

    public Runner(EngineRegistry engines, PrintStream err, StopSignal stop) {
        this.engines = engines;
        this.err = err;
        this.stop = stop;
    }

    /** What a run produced: the results to report and the exit status. */
    public record Outcome(RunResult result, int exitCode) {
    }

    /**
     * Prepares every clone (create, setup, layout checks). Failing here means nothing ran.
     *
     * @throws SetupFailedException with a one-line message when a job cannot be set up
     */
    public Prepared prepare(JobSet jobSet) {
        List<JobSpec> specs = jobSet.jobs();
        int total = 0;
        for (JobSpec spec : specs) {
            total += spec.numjobs();
        }
        List<JobClone> clones = new ArrayList<>();
        int groupId = 0;
        boolean groupHasJobs = false;
        try {
            for (JobSpec spec : specs) {
                if ((spec.stonewall() || spec.newGroup()) && groupHasJobs) {
                    groupId++;
                }
                groupHasJobs = true;
                checkSupported(spec);
                IoEngineProvider provider = engines.provider(spec.ioengine());
                boolean synchronous = provider.flags().contains(EngineFlag.SYNCHRONOUS);
                int depth = spec.iodepth();
                if (synchronous && depth > 1) {
                    err.println("jfio: " + spec.name() + ": ioengine=" + provider.name()
                            + " is synchronous, so iodepth=" + depth + " is capped at 1 (as fio does)");
                    depth = 1;
                }
                for (int c = 0; c < spec.numjobs(); c++) {
                    RunnerJobView view = new RunnerJobView(spec, c, depth, total, err);
                    IoEngine engine = provider.create(view);
                    JobClone clone = new JobClone(spec, c, groupId, provider, engine, view, synchronous, depth, stop);
                    if (depth < spec.iodepth()) {
                        clone.notes.add("iodepth capped at 1: ioengine=" + provider.name() + " is synchronous");
                    }
                    clones.add(clone);
                    setUp(clone);
                }
            }
        } catch (RuntimeException e) {
            for (JobClone clone : clones) {
                clone.cleanup();
            }
            if (e instanceof SetupFailedException) {
                throw (SetupFailedException) e;
            }
            throw new SetupFailedException(JobClone.message(e), e);
        }
        return new Prepared(jobSet, clones);
    }

    /** Refuses what the job package accepts but the runner cannot do yet, rather than ignoring it. */
    private static void checkSupported(JobSpec spec) {
        int first = spec.percentageRandom();
        for (Ddir d : Ddir.ALL) {
            if (spec.rw().uses(d) && spec.percentageRandom(d) != first) {
                throw new SetupFailedException(spec.name() + ": percentage_random with a different value per direction"
                        + " is not supported yet");
            }
        }
    }

    private void setUp(JobClone clone) {
        JobSpec spec = clone.spec;
        FileSet files = FileSet.of(spec, clone.cloneIndex);
        List<IoTarget> targets = new ArrayList<>();
        for (String name : files.names()) {
            targets.add(new IoTarget(name));
        }
        SetupContextImpl context = new SetupContextImpl(targets);
        try {
            clone.engine.setup(context);
        } catch (IOException e) {
            throw new SetupFailedException(spec.name() + ": " + JobClone.message(e), e);
        }
        clone.targets = List.copyOf(context.targets);
        if (clone.targets.isEmpty()) {
            throw new SetupFailedException(spec.name() + ": ioengine=" + clone.provider.name() + " set up no targets");
        }
        long[] fileSizes = files.fileSizes();
        layOut(clone, fileSizes);
        if (fileSizes != null && !clone.provider.flags().contains(EngineFlag.DISKLESS)) {
            FileLayout.topUp(clone);
        }
        clone.prepareStats();
    }

    /** Decides each target's region from offset and size, and checks it fits a fixed-size target. */
    private static void layOut(JobClone clone, long[] fileSizes) {
        JobSpec spec = clone.spec;
        List<IoTarget> targets = clone.targets;
        IoTarget first = targets.get(0);
        long known = first.size();
        long increment = spec.offsetIncrementPercent() > 0
                ? percentOf(spec, known, spec.offsetIncrementPercent(), "offset_increment", first)
                : spec.offsetIncrement();
        long base = spec.offsetPercent() > 0
                ? alignDown(percentOf(spec, known, spec.offsetPercent(), "offset", first), spec.minBlockSize())
                : spec.offset();
        long offset = base + clone.cloneIndex * increment;
        if (fileSizes != null) {
            layOutFileSizes(clone, fileSizes, offset);
            return;
        }
        long size;
        if (spec.size() >= 0) {
            size = spec.size();
        } else if (spec.sizePercent() > 0) {
            size = percentOf(spec, known, spec.sizePercent(), "size", first);
        } else if (known >= 0) {
            long total = 0;
            for (IoTarget t : targets) {
                total += Math.max(0, t.size() - offset);
            }
            size = total;
        } else {
            throw new SetupFailedException(spec.name() + ": size is not set and the size of " + first
                    + " is unknown; set size= (for example size=1g)");
        }
        long perTarget = alignDown(size / targets.size(), spec.minBlockSize());
        if (perTarget < spec.maxBlockSize() && !(spec.size() < 0 && perTarget > 0)) {
            throw new SetupFailedException(spec.name() + ": size " + size + " per target is smaller than bs="
                    + spec.maxBlockSize());
        }
        if (perTarget < spec.minBlockSize()) {
            throw new SetupFailedException(spec.name() + ": " + first + " has no room at offset " + offset
                    + " for a block of " + spec.minBlockSize() + " bytes");
        }
        clone.regionStart = new long[targets.size()];
        clone.regionLength = new long[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            IoTarget t = targets.get(i);
            if (t.hasFixedSize() && offset + perTarget > t.size()) {
                throw new SetupFailedException(spec.name() + ": offset " + offset + " + size " + perTarget
                        + " = " + (offset + perTarget) + " is beyond the end of " + t + " (" + t.size() + " bytes)");
            }
            clone.regionStart[i] = offset;
            clone.regionLength[i] = perTarget;
        }
        long region = perTarget * targets.size();
        if (spec.ioSize() > 0) {
            clone.budget = spec.ioSize();
        } else if (spec.ioSizePercent() > 0) {
            clone.budget = (long) (region * spec.ioSizePercent() / 100.0);
        } else {
            clone.budget = region;
        }
        clone.budgetWraps = clone.budget > region;
    }

    /**
     * fio's {@code filesize}: each file's region is its own size from the offset on, and
     * {@code size} becomes merely the default of {@code io_size}.
     */
    private static void layOutFileSizes(JobClone clone, long[] fileSizes, long offset) {
        JobSpec spec = clone.spec;
        int n = clone.targets.size();
        clone.regionStart = new long[n];
        clone.regionLength = new long[n];
        long region = 0;
        for (int i = 0; i < n; i++) {
            IoTarget t = clone.targets.get(i);
            long length = alignDown(fileSizes[i] - offset, spec.minBlockSize());
            if (length < spec.maxBlockSize()) {
                throw new SetupFailedException(spec.name() + ": filesize " + fileSizes[i] + " of " + t
                        + " leaves no room for a block of " + spec.maxBlockSize() + " bytes at offset " + offset);
            }
            if (t.hasFixedSize() && offset + length > t.size()) {
                throw new SetupFailedException(spec.name() + ": filesize " + fileSizes[i] + " is beyond the end of "
                        + t + " (" + t.size() + " bytes)");
            }
            clone.regionStart[i] = offset;
            clone.regionLength[i] = length;
            region += length;
        }
        if (spec.ioSize() > 0) {
            clone.budget = spec.ioSize();
        } else if (spec.ioSizePercent() > 0) {
            clone.budget = (long) (region * spec.ioSizePercent() / 100.0);
        } else if (spec.size() > 0) {
            clone.budget = spec.size();
        } else {
            clone.budget = region;
        }
        clone.budgetWraps = clone.budget > region;
    }

    private static long percentOf(JobSpec spec, long known, double percent, String option, IoTarget target) {
        if (known < 0) {
            throw new SetupFailedException(spec.name() + ": " + option + "=" + fmtPercent(percent)
                    + "% needs a target of known size, and " + target + " has none");
        }
        return (long) (known * percent / 100.0);
    }

    private static long alignDown(long v, long unit) {
        return unit <= 1 ? v : v / unit * unit;
    }

    private static String fmtPercent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** Jobs that are set up and ready to start. */
    public final class Prepared {
        private final JobSet jobSet;
        private final List<JobClone> clones;
        private long stopSeenNanos;
        private boolean stragglersInterrupted;

        private Prepared(JobSet jobSet, List<JobClone> clones) {
            this.jobSet = jobSet;
            this.clones = clones;
        }

        /** fio's header lines, printed before the jobs start in the normal format. */
        public List<String> headerLines() {
            List<String> lines = new ArrayList<>();
            JobSpec previous = null;
            for (JobClone clone : clones) {
                if (clone.spec == previous) {
                    continue;
                }
                previous = clone.spec;
                lines.add(Reports.headerLine(clone.spec.name(), clone.groupId, clone.spec.rw().fioName(),
                        headerBs(clone.spec), clone.provider.name(), clone.depth));
                if (clone.spec.numjobs() > 1) {
                    lines.add("...");
                }
            }
            return lines;
        }

        public int cloneCount() {
            return clones.size();
        }

        /** Starts the jobs, waits for them all and builds the results. */
        public Outcome run() {
            List<Thread> running = new ArrayList<>();
            try {
                for (int i = 0; i < clones.size(); i++) {
                    JobClone clone = clones.get(i);
                    if (clone.cloneIndex == 0 && clone.spec.stonewall()) {
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
                    Thread thread = new Thread(clone, "jfio-" + clone.displayName());
                    clone.thread = thread;
                    clone.started = true;
                    thread.start();
                    running.add(thread);
                }
                joinAll(clones);
            } finally {
                for (JobClone clone : clones) {
                    if (!clone.started) {
                        clone.cleanup();
                    }
                }
            }
            return collect();
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
            while (t.isAlive()) {
                try {
                    t.join(JOIN_SLICE_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.request("interrupted");
                }
                interruptStragglers();
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

        private Outcome collect() {
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
                    err.println("jfio: " + clone.displayName() + ": " + clone.errorMessage);
                }
                perClone.add(JobResultBuilder.build(info(clone), clone.stats, clone.cpuStart, clone.cpuEnd));
            }
            return new Outcome(result(ran, perClone), exit);
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
                        r = clone.stats.requestStatus(info(clone), clone.cpuStart).get(1, TimeUnit.SECONDS);
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
            return result(ran, perClone);
        }

        /** One line of live progress for --eta: jobs running, percent done, bandwidth, IOPS, time left. */
        public String etaLine(long[] previousBytes, long[] previousIos, long intervalNanos) {
            int running = 0;
            long done = 0;
            long expected = 0;
            double timeFraction = -1;
            long[] bytes = new long[Ddir.ALL.length];
            long[] ios = new long[Ddir.ALL.length];
            long now = System.nanoTime();
            for (JobClone clone : clones) {
                if (clone.started && !clone.finished) {
                    running++;
                }
                for (Ddir d : Ddir.ALL) {
                    bytes[d.ordinal()] += clone.stats.liveBytes(d);
                    ios[d.ordinal()] += clone.stats.liveIos(d);
                    done += clone.stats.liveBytes(d);
                }
                JobSpec spec = clone.spec;
                long planned = spec.runtimeNanos() > 0 ? spec.rampTimeNanos() + spec.runtimeNanos() : 0;
                if (planned > 0 && clone.started) {
                    long elapsed = (clone.finished ? clone.endNanos : now) - clone.startNanos;
                    timeFraction = Math.max(timeFraction, Math.min(1.0, (double) elapsed / planned));
                }
                if (!spec.timeBased()) {
                    expected += clone.budget * Math.max(1, spec.loops());
                }
            }
            double fraction = expected > 0 ? Math.min(1.0, (double) done / expected) : 0;
            if (timeFraction >= 0) {
                fraction = Math.max(fraction, timeFraction);
            }
            StringBuilder sb = new StringBuilder();
            sb.append("Jobs: ").append(running).append(": [");
            String[] names = {"r", "w", "t"};
            boolean first = true;
            StringBuilder bw = new StringBuilder();
            StringBuilder iops = new StringBuilder();
            for (Ddir d : Ddir.ALL) {
                int i = d.ordinal();
                long db = bytes[i] - previousBytes[i];
                long di = ios[i] - previousIos[i];
                previousBytes[i] = bytes[i];
                previousIos[i] = ios[i];
                if (db == 0 && di == 0) {
                    continue;
                }
                double seconds = intervalNanos / 1e9;
                bw.append(first ? "" : ",").append(names[i]).append('=')
                        .append(Reports.bytes((long) (db / seconds))).append("/s");
                iops.append(first ? "" : ",").append(names[i]).append('=').append(Math.round(di / seconds));
                first = false;
            }
            sb.append(String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100)).append("][")
                    .append(bw.length() == 0 ? "-" : bw).append("][").append(iops.length() == 0 ? "-" : iops)
                    .append(" IOPS]");
            return sb.toString();
        }

        private RunResult result(List<JobClone> ran, List<JobResult> perClone) {
            List<JobResult> shown = new ArrayList<>();
            int i = 0;
            while (i < ran.size()) {
                JobClone clone = ran.get(i);
                if (!clone.spec.groupReporting()) {
                    shown.add(perClone.get(i));
                    i++;
                    continue;
                }
                int j = i;
                List<JobResult> members = new ArrayList<>();
                while (j < ran.size() && ran.get(j).groupId == clone.groupId && ran.get(j).spec.groupReporting()) {
                    members.add(perClone.get(j));
                    j++;
                }
                shown.add(members.size() == 1 ? members.get(0) : JobResultBuilder.merge(members));
                i = j;
            }
            List<GroupResult> groups = JobResultBuilder.groups(shown);
            return new RunResult(VERSION, System.currentTimeMillis(), globalOptions(), shown, groups);
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
            PercentileConfig pct = new PercentileConfig(spec.clatPercentiles(), spec.latPercentiles(),
                    spec.slatPercentiles(), spec.percentileList());
            return new JobInfo(spec.name(), clone.groupId, clone.error, clone.errorMessage, spec.jobOptions(),
                    spec.description(), clone.provider.name(), spec.rw().fioName(), headerBs(spec), clone.depth,
                    clone.startEpochMillis, elapsed, pct, clone.rateLimited,
                    spec.continueOnError() != ContinueOnError.NONE, props, List.copyOf(clone.notes));
        }
    }

    /** fio's "(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B". */
    static String headerBs(JobSpec spec) {
        int[] min = new int[Ddir.ALL.length];
        int[] max = new int[Ddir.ALL.length];
        for (Ddir d : Ddir.ALL) {
            min[d.ordinal()] = spec.bs(d).min();
            max[d.ordinal()] = spec.bs(d).max();
        }
        return Reports.blockSizes(min, max);
    }


    private static final class SetupContextImpl implements SetupContext {
        private List<IoTarget> targets;

        SetupContextImpl(List<IoTarget> targets) {
            this.targets = targets;
        }

        @Override
        public List<IoTarget> targets() {
            return targets;
        }

        @Override
        public void setTargets(List<IoTarget> newTargets) {
            if (newTargets == null || newTargets.isEmpty()) {
                throw new IllegalArgumentException("setTargets needs at least one target");
            }
            this.targets = new ArrayList<>(newTargets);
        }
    }
}
