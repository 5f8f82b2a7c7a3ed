package dev.jfio.run;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.IoOps;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.log.RunLogs;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.BlockSizeRange;
import dev.jfio.stats.JobStats;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SteadyStateGroups;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a set of jobs as fio does: every job clone is created and set up on the calling thread
 * before any starts; then each clone runs on its own thread, honouring stonewall, wait_for and
 * startdelay; the results are merged per reporting group.
 */
public final class Runner {
    private final EngineRegistry engines;
    private final PrintStream err;
    private final StopSignal stop;
    private boolean readOnly;
    /** fio's --aux-path: where verify_dump's files go; null for the working directory. */
    private java.nio.file.Path auxPath;
    /** Where jobs' notices go (file layout, engine advice): stderr, or stdout when the report goes to a file. */
    private PrintStream notices;
    /** This process's rank and the run's number of ranks (0 of 1 alone). */
    private int rank;

    private int ranks = 1;

    public Runner(EngineRegistry engines, PrintStream err, StopSignal stop) {
        this.engines = engines;
        this.err = err;
        this.notices = err;
        this.stop = stop;
    }

    /**
     * Sends the jobs' notices (file layout, engine advice) to {@code notices} instead of the error
     * stream: jfio does so when the report goes to a file, as fio's log_info writes to stdout,
     * leaving stderr to errors.
     */
    public void noticesTo(PrintStream notices) {
        this.notices = notices;
    }

    /**
     * fio's {@code --readonly}: engines and the runner write nothing to the targets, not even to
     * lay files out ({@link dev.jfio.spi.JobView#readOnly}). Jobs that write or trim must be refused
     * by the caller before {@link #prepare}. Call before {@link #prepare}.
     */
    public void readOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * The rank of this process among {@code ranks} (launched on several hosts): each job's region is
     * split by {@code rank_split} and its random seeds mix in the rank. Call before {@link #prepare}.
     */
    public void rank(int rank, int ranks) {
        this.rank = rank;
        this.ranks = ranks;
    }

    /** fio's {@code --aux-path}: the directory of verify_dump's files (null: the working directory). */
    public void auxPath(java.nio.file.Path dir) {
        this.auxPath = dir;
    }

    /** What a run produced: the results to report and the exit status. */
    public record Outcome(RunResult result, int exitCode) {}

    /**
     * Checks the jobs against their engines without setting anything up: the mistakes of
     * {@link PreRunChecks} (a diskless engine without a size, {@code wait_for} naming no job).
     * {@link #prepare} runs these checks itself; a caller calls this to refuse bad jobs earlier.
     *
     * @throws JobSpecException for the first mistake, with its file and line
     * @throws dev.jfio.engine.EngineLoadException when a job's engine is not in the registry
     */
    public void check(JobSet jobSet) {
        PreRunChecks.check(jobSet, engines);
    }

    /**
     * Checks the jobs ({@link #check}), then prepares every clone (create, setup, layout checks).
     * Failing here means nothing ran.
     *
     * @throws JobSpecException when the checks refuse a job, with its file and line
     * @throws SetupFailedException with a one-line message when a job cannot be set up
     * @throws OutOfMemoryError when the heap cannot hold every clone's set-up (engines cleaned up)
     */
    public PreparedRun prepare(JobSet jobSet) {
        check(jobSet);
        List<JobSpec> specs = jobSet.jobs();
        int total = 0;
        for (JobSpec spec : specs) {
            total += spec.numjobs();
        }
        List<JobClone> clones = new ArrayList<>();
        SharedTargetRegions regions = new SharedTargetRegions();
        FlowControl.Groups flows = new FlowControl.Groups();
        OverlapRegistry overlaps = new OverlapRegistry();
        RunLogs logs = new RunLogs();
        IoJobs ioJobs = new IoJobs();
        int groupId = 0;
        int epoch = 0;
        boolean groupHasJobs = false;
        try {
            for (JobSpec spec : specs) {
                if ((spec.stonewall() || spec.newGroup()) && groupHasJobs) {
                    groupId++;
                }
                if (spec.stonewall() && groupHasJobs) {
                    epoch++;
                }
                groupHasJobs = true;
                IoEngineProvider provider = engines.provider(spec.ioengine());
                // offload: the engine runs behind a submitter thread, asynchronous to the I/O loop
                boolean synchronous = provider.flags().contains(EngineFlag.SYNCHRONOUS)
                        && !spec.latency().offload();
                int depth = spec.depth().iodepth();
                if (synchronous && depth > 1) {
                    notices.println("jfio: " + spec.name() + ": ioengine=" + provider.name()
                            + " is synchronous, so iodepth=" + depth + " is capped at 1 (as fio does)");
                    depth = 1;
                }
                Map<String, ReplayLog> replays = new HashMap<>();
                FileLocks locks = FileLocks.of(spec.lockfile());
                for (int c = 0; c < spec.numjobs(); c++) {
                    ReplayLog replay = !spec.replay().replays()
                            ? null
                            : replays.computeIfAbsent(
                                    spec.replay().readIolog(c), f -> ReplayLog.read(spec, f, readOnly, notices));
                    JobSpec cloneSpec = replay == null ? spec : replay.spec;
                    RunnerJobView view = new RunnerJobView(cloneSpec, c, depth, total, notices, readOnly);
                    IoEngine engine = Overlaps.offloaded(cloneSpec, provider.create(view), depth, overlaps);
                    JobClone clone = new JobClone(
                            cloneSpec, c, groupId, provider, engine, view, synchronous, depth, new StopSignal(stop));
                    clone.replay = replay;
                    if (depth < spec.depth().iodepth()) {
                        clone.notes.add("iodepth capped at 1: ioengine=" + provider.name() + " is synchronous");
                    }
                    clone.threadNumber = clones.size();
                    clone.rank = rank;
                    clone.ranks = ranks;
                    clone.auxPath = auxPath;
                    clone.flow = flows.join(spec.rate());
                    clone.locks = locks;
                    view.ioJobs = ioJobs;
                    if (!provider.flags().contains(EngineFlag.NO_IO)) {
                        clone.ioJobs = ioJobs;
                        ioJobs.add();
                    }
                    clones.add(clone);
                    setUp(clone, regions, epoch);
                    clone.logs = logs.forClone(spec, clone.displayName(), clones.size());
                }
            }
        } catch (OutOfMemoryError e) {
            for (JobClone clone : clones) {
                clone.cleanup();
            }
            throw e; // nothing ran: the caller says so in one line
        } catch (RuntimeException e) {
            for (JobClone clone : clones) {
                clone.cleanup();
            }
            if (e instanceof SetupFailedException || e instanceof JobSpecException) {
                throw e;
            }
            throw new SetupFailedException(JobClone.message(e), e);
        }
        ExitScope exits = new ExitScope(clones);
        for (JobClone clone : clones) {
            clone.exits = exits;
        }
        linkSteadyStateGroups(clones);
        return new PreparedRun(jobSet, clones, err, stop, logs);
    }

    /** group_reporting groups with steadystate are judged on their summed rates, as fio. */
    private static void linkSteadyStateGroups(List<JobClone> clones) {
        Map<Integer, List<JobStats>> groups = new TreeMap<>();
        for (JobClone c : clones) {
            if (c.spec.reporting().groupReporting()
                    && c.spec.reporting().measurement().steadyState() != null) {
                groups.computeIfAbsent(c.groupId, g -> new ArrayList<>()).add(c.stats);
            }
        }
        groups.values().forEach(SteadyStateGroups::link);
    }

    private void setUp(JobClone clone, SharedTargetRegions regions, int epoch) {
        JobSpec spec = clone.spec;
        FileSet files = FileSet.of(spec, clone.cloneIndex);
        boolean diskless = clone.provider.flags().contains(EngineFlag.DISKLESS);
        List<IoTarget> targets = new ArrayList<>();
        if (!diskless) {
            for (String name : files.names()) {
                targets.add(new IoTarget(name));
            }
        }
        SetupContextImpl context = new SetupContextImpl(targets, diskless);
        try {
            clone.engine.setup(context);
        } catch (IOException e) {
            throw new SetupFailedException(spec.name() + ": " + JobClone.message(e), e);
        } catch (IllegalStateException e) {
            throw new SetupFailedException(
                    spec.name() + ": ioengine=" + clone.provider.name() + ": " + e.getMessage(), e);
        }
        clone.targets = List.copyOf(context.targets);
        if (clone.targets.isEmpty()) {
            throw new SetupFailedException(spec.name() + ": ioengine=" + clone.provider.name() + " set up no targets");
        }
        long[] fileSizes = files.fileSizes();
        // a diskless engine's targets take their size from filesize when it is set, as fio's do
        if (diskless
                && clone.replay == null // a replay needs no size: the log says where its I/O goes
                && !allFixed(clone.targets)
                && (fileSizes == null || fileSizes.length < clone.targets.size())) {
            PreRunChecks.checkSizeIsKnown(spec);
        }
        FileChores.beforeLayout(clone, diskless);
        if (clone.replay != null) {
            clone.replay.layOut(clone); // fio sizes nothing for a replay: the log says where the I/O goes
            fileSizes = null;
        } else {
            layOut(clone, fileSizes);
        }
        FileChores.afterLayout(clone);
        regions.claim(clone, epoch);
        if (fileSizes != null && !diskless) {
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
        long increment = spec.region().offsetIncrementPercent() > 0
                ? percentOf(spec, known, spec.region().offsetIncrementPercent(), "offset_increment", first)
                : spec.region().offsetIncrement();
        long offset;
        if (spec.region().offsetPercent() > 0 || spec.region().offsetIncrementPercent() > 0) {
            // as fio: the clone's increment is added first, then the sum is aligned up (offset_align, else the block
            // size)
            long base = spec.region().offsetPercent() > 0
                    ? percentOf(spec, known, spec.region().offsetPercent(), "offset", first)
                    : spec.region().offset();
            long align = spec.sequencing().offsetAlign() > 0 ? spec.sequencing().offsetAlign() : spec.minBlockSize();
            offset = alignUp(base + clone.cloneIndex * increment, align);
        } else {
            offset = spec.region().offset() + clone.cloneIndex * increment;
        }
        if (fileSizes != null) {
            layOutFileSizes(clone, fileSizes, offset);
            return;
        }
        long size;
        if (spec.region().size() >= 0) {
            size = spec.region().size();
        } else if (spec.region().sizePercent() > 0) {
            size = percentOf(spec, known, spec.region().sizePercent(), "size", first);
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
        if (RankSplit.splits(clone)) {
            long part = RankSplit.part(clone, perTarget);
            offset += clone.rank * part;
            perTarget = part;
        }
        if (perTarget < spec.maxBlockSize() && !(spec.region().size() < 0 && perTarget > 0)) {
            throw new SetupFailedException(
                    spec.name() + ": size " + size + " per target is smaller than bs=" + spec.maxBlockSize());
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
                throw new SetupFailedException(spec.name() + ": offset " + offset + " + size " + perTarget + " = "
                        + (offset + perTarget) + " is beyond the end of " + t + " (" + t.size() + " bytes)");
            }
            clone.regionStart[i] = offset;
            clone.regionLength[i] = perTarget;
        }
        long region = perTarget * targets.size();
        if (spec.region().ioSize() > 0) {
            clone.budget = spec.region().ioSize();
        } else if (spec.region().ioSizePercent() > 0) {
            clone.budget = (long) (region * spec.region().ioSizePercent() / 100.0);
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
            long start = offset;
            if (RankSplit.splits(clone)) {
                long part = RankSplit.part(clone, length);
                start += clone.rank * part;
                length = part;
            }
            if (length < spec.maxBlockSize()) {
                throw new SetupFailedException(spec.name() + ": filesize " + fileSizes[i] + " of " + t
                        + " leaves no room for a block of " + spec.maxBlockSize() + " bytes at offset " + start);
            }
            if (t.hasFixedSize() && start + length > t.size()) {
                throw new SetupFailedException(spec.name() + ": filesize " + fileSizes[i] + " is beyond the end of " + t
                        + " (" + t.size() + " bytes)");
            }
            clone.regionStart[i] = start;
            clone.regionLength[i] = length;
            region += length;
        }
        if (spec.region().ioSize() > 0) {
            clone.budget = spec.region().ioSize();
        } else if (spec.region().ioSizePercent() > 0) {
            clone.budget = (long) (region * spec.region().ioSizePercent() / 100.0);
        } else if (spec.region().size() > 0 && !RankSplit.splits(clone)) {
            clone.budget = spec.region().size();
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

    private static long alignUp(long v, long unit) {
        return unit <= 1 ? v : (v + unit - 1) / unit * unit;
    }

    private static long alignDown(long v, long unit) {
        return unit <= 1 ? v : v / unit * unit;
    }

    private static String fmtPercent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** The smallest and largest block size per direction, for fio's "(R) 4096B-4096B, (W) ..." header. */
    static BlockSizeRange blockSizeRange(JobSpec spec) {
        int[] min = new int[IoOps.DATA.length];
        int[] max = new int[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            min[d.ordinal()] = spec.bs(d).min();
            max[d.ordinal()] = spec.bs(d).max();
        }
        return new BlockSizeRange(min, max);
    }

    private static boolean allFixed(List<IoTarget> targets) {
        for (IoTarget t : targets) {
            if (!t.hasFixedSize()) {
                return false;
            }
        }
        return true;
    }

    private static final class SetupContextImpl implements SetupContext {
        private final boolean diskless;
        private List<IoTarget> targets;

        SetupContextImpl(List<IoTarget> targets, boolean diskless) {
            this.targets = targets;
            this.diskless = diskless;
        }

        @Override
        public List<IoTarget> targets() {
            return targets;
        }

        @Override
        public void setTargets(List<IoTarget> newTargets) {
            if (!diskless) {
                throw new IllegalStateException(
                        "setTargets is only for DISKLESS engines; a file engine sizes the" + " targets it is given");
            }
            if (newTargets == null || newTargets.isEmpty()) {
                throw new IllegalArgumentException("setTargets needs at least one target");
            }
            this.targets = new ArrayList<>(newTargets);
        }
    }
}
