package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job as its job file section or {@code --name} group defines it, with every option parsed
 * and validated: a composition of small records, each of which parsed its own options
 * ({@link Region}, {@link Depth}, {@link Timing}, {@link Randomness}, {@link Rate},
 * {@link ThinkTime}, {@link SyncOptions}, {@link Buffers}, {@link Reporting},
 * {@link VerifySettings}). {@code numjobs} is not expanded: the runner clones. Immutable; safe to
 * read from any thread.
 */
public final class JobSpec {
    /**
     * Who the job is.
     *
     * @param name         its section name, or its {@code --name}; a {@code name=} option overrides
     * @param description  {@code description}, or null
     * @param index        its position in the run, from 0
     * @param ioengine     the canonical engine name the resolver gave for {@code ioengineText}
     * @param ioengineText {@code ioengine} as written ("psync" when unset)
     */
    record Identity(String name, String description, int index, String ioengine, String ioengineText) {}

    /**
     * What the job does: direction, mix and block sizes.
     *
     * @param rwmixread percentage of reads in a mixed workload
     * @param kbBase    1024 (default) or 1000
     * @param errorDump error_dump: print each I/O error as it happens
     */
    record Workload(
            RwMode rw,
            int rwmixread,
            BlockSizeSpec[] bs,
            boolean direct,
            int kbBase,
            ContinueOnError continueOnError,
            boolean errorDump) {
        Workload {
            bs = bs.clone();
        }

        int maxBlockSize() {
            int max = 0;
            for (IoOp d : IoOps.DATA) {
                if (rw.uses(d)) {
                    max = Math.max(max, bs[d.ordinal()].max());
                }
            }
            return max;
        }

        int minBlockSize() {
            int min = Integer.MAX_VALUE;
            for (IoOp d : IoOps.DATA) {
                if (rw.uses(d)) {
                    min = Math.min(min, bs[d.ordinal()].min());
                }
            }
            return min;
        }
    }

    /** How the job runs among the others: clones, groups, barriers, exits. */
    record Grouping(
            int numjobs,
            boolean newGroup,
            boolean stonewall,
            String waitFor,
            boolean exitall,
            ExitWhat exitWhat,
            boolean exitallOnError,
            boolean thread) {}

    private final Identity identity;
    private final Workload workload;
    private final Region region;
    private final Depth depth;
    private final Timing timing;
    private final Randomness randomness;
    private final Sequencing sequencing;
    private final Scheduling scheduling;
    private final NonFatalErrors nonFatalErrors;
    private final Rate rate;
    private final ThinkTime thinkTime;
    private final LatencyControl latency;
    private final SyncOptions sync;
    private final Buffers buffers;
    private final Reporting reporting;
    private final LogOptions logs;
    private final VerifySettings verify;
    private final Replay replay;
    private final FileLockMode lockfile;
    private final Grouping grouping;
    private final Map<String, String> jobOptions;
    private final Map<String, String> effectiveOptions;
    private final Map<String, SourceLocation> locations;
    private final Map<String, Object> engineValues;
    private final List<String> warnings;

    JobSpec(
            Identity identity,
            Workload workload,
            Region region,
            Depth depth,
            Timing timing,
            Randomness randomness,
            Sequencing sequencing,
            Scheduling scheduling,
            NonFatalErrors nonFatalErrors,
            Rate rate,
            ThinkTime thinkTime,
            LatencyControl latency,
            SyncOptions sync,
            Buffers buffers,
            Reporting reporting,
            LogOptions logs,
            VerifySettings verify,
            Replay replay,
            FileLockMode lockfile,
            Grouping grouping,
            Map<String, String> jobOptions,
            Map<String, Setting> effective,
            Map<String, Object> engineValues,
            List<String> warnings) {
        this.identity = identity;
        this.workload = workload;
        this.region = region;
        this.depth = depth;
        this.timing = timing;
        this.randomness = randomness;
        this.sequencing = sequencing;
        this.scheduling = scheduling;
        this.nonFatalErrors = nonFatalErrors;
        this.rate = rate;
        this.thinkTime = thinkTime;
        this.latency = latency;
        this.sync = sync;
        this.buffers = buffers;
        this.reporting = reporting;
        this.logs = logs;
        this.verify = verify;
        this.replay = replay;
        this.lockfile = lockfile;
        this.grouping = grouping;
        this.jobOptions = Collections.unmodifiableMap(new LinkedHashMap<>(jobOptions));
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, SourceLocation> where = new LinkedHashMap<>();
        for (Setting s : effective.values()) {
            options.put(s.name(), s.value());
            where.put(s.name(), s.where());
        }
        this.effectiveOptions = Collections.unmodifiableMap(options);
        this.locations = Collections.unmodifiableMap(where);
        this.engineValues = Collections.unmodifiableMap(new LinkedHashMap<>(engineValues));
        this.warnings = List.copyOf(warnings);
    }

    /** A replaying clone's job: {@code base} with the log's directions, block sizes, files and one pass. */
    private JobSpec(JobSpec base, Workload workload, Region region, Timing timing) {
        this.identity = base.identity;
        this.workload = workload;
        this.region = region;
        this.depth = base.depth;
        this.timing = timing;
        this.randomness = base.randomness;
        this.sequencing = base.sequencing;
        this.scheduling = base.scheduling;
        this.nonFatalErrors = base.nonFatalErrors;
        this.rate = base.rate;
        this.thinkTime = base.thinkTime;
        this.sync = base.sync;
        this.buffers = base.buffers;
        this.reporting = base.reporting;
        this.logs = base.logs;
        this.verify = base.verify;
        this.replay = base.replay;
        this.latency = base.latency;
        this.lockfile = base.lockfile;
        this.grouping = base.grouping;
        this.jobOptions = base.jobOptions;
        this.effectiveOptions = base.effectiveOptions;
        this.locations = base.locations;
        this.engineValues = base.engineValues;
        this.warnings = base.warnings;
    }

    /**
     * The job as a clone replaying an iolog runs it (fio's read_iolog sets the job's directions
     * and largest block sizes from the log, takes its files from the log's "add" lines and ends when
     * the log does): {@code rw}, each direction's block size {@code maxBs} (0 keeps the job's),
     * {@code files} as its filenames, no size or offset, one pass without time_based.
     */
    public JobSpec replaying(RwMode rw, int[] maxBs, List<String> files) {
        BlockSizeSpec[] bs = workload.bs().clone();
        for (IoOp d : IoOps.DATA) {
            if (maxBs[d.ordinal()] > 0) {
                bs[d.ordinal()] = BlockSizeSpec.fixed(maxBs[d.ordinal()]);
            }
        }
        Workload w = new Workload(
                rw,
                workload.rwmixread(),
                bs,
                workload.direct(),
                workload.kbBase(),
                workload.continueOnError(),
                workload.errorDump());
        Region r = new Region(-1, 0, -1, 0, 0, 0, 0, 0, files, region.directory(), region.files(), region.rankShared());
        Timing t = new Timing(
                false,
                timing.runtimeNanos(),
                timing.rampTimeNanos(),
                timing.startDelayNanos(),
                1,
                timing.drainTimeoutNanos());
        return new JobSpec(this, w, r, t);
    }

    /** The job's name: its section name, or its {@code --name}; a {@code name=} option overrides. */
    public String name() {
        return identity.name();
    }

    /** {@code description}, or null. */
    public String description() {
        return identity.description();
    }

    /** The job's position in the run, from 0. */
    public int index() {
        return identity.index();
    }

    /** The canonical engine name the resolver gave for {@link #ioengineText()}. */
    public String ioengine() {
        return identity.ioengine();
    }

    /** {@code ioengine} as written ("psync" when unset). */
    public String ioengineText() {
        return identity.ioengineText();
    }

    public RwMode rw() {
        return workload.rw();
    }

    /** Percentage of reads in a mixed workload; {@code rwmixwrite} set later wins, as in fio. */
    public int rwmixread() {
        return workload.rwmixread();
    }

    /** The block sizes of direction {@code d}, from bssplit, bsrange or bs (that priority); 4096 by default. */
    public BlockSizeSpec bs(IoOp d) {
        return workload.bs()[d.ordinal()];
    }

    /** The largest block size of the directions the workload uses. */
    public int maxBlockSize() {
        return workload.maxBlockSize();
    }

    /** The smallest block size of the directions the workload uses. */
    public int minBlockSize() {
        return workload.minBlockSize();
    }

    public boolean direct() {
        return workload.direct();
    }

    /** 1024 (default) or 1000. */
    public int kbBase() {
        return workload.kbBase();
    }

    public ContinueOnError continueOnError() {
        return workload.continueOnError();
    }

    /** The errors continue_on_error goes on after: ignore_error's lists, else fio's EIO and EILSEQ. */
    public NonFatalErrors nonFatalErrors() {
        return nonFatalErrors;
    }

    /** Files, directory, sizes, offsets and the amount of I/O. */
    public Region region() {
        return region;
    }

    /** {@code iodepth} and its batching. */
    public Depth depth() {
        return depth;
    }

    /**
     * fio's parse warnings for this job (fixup_options): options jfio adjusted as fio does, each
     * "file:line: what", fatal under {@code --warnings-fatal}.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** {@code time_based}, {@code runtime}, {@code ramp_time}, {@code startdelay}, {@code loops}. */
    public Timing timing() {
        return timing;
    }

    /** Random offsets: distribution, percentage random, random map and seeds. */
    public Randomness randomness() {
        return randomness;
    }

    /** The rw modifier, rw_sequencer, blockalign, bs_is_seq_rand, offset_align and number_ios. */
    public Sequencing sequencing() {
        return sequencing;
    }

    /** CPU affinity, nice and I/O priority of the job's threads. */
    public Scheduling scheduling() {
        return scheduling;
    }

    /** {@code rate}, {@code rate_iops}, {@code rate_process}. */
    public Rate rate() {
        return rate;
    }

    /** {@code thinktime}, {@code thinktime_spin}, {@code thinktime_blocks}. */
    public ThinkTime thinkTime() {
        return thinkTime;
    }

    /** {@code latency_target} and friends, {@code max_latency}, {@code io_submit_mode}, {@code serialize_overlap}. */
    public LatencyControl latency() {
        return latency;
    }

    /** {@code fsync}, {@code fdatasync}, {@code end_fsync}, {@code fsync_on_close}, {@code sync=}. */
    public SyncOptions sync() {
        return sync;
    }

    /** {@code zero_buffers}, {@code refill_buffers}, {@code buffer_pattern}. */
    public Buffers buffers() {
        return buffers;
    }

    /** {@code group_reporting} and the percentiles to report. */
    public Reporting reporting() {
        return reporting;
    }

    /** The log files the job writes ({@code write_bw_log} and the rest). */
    public LogOptions logs() {
        return logs;
    }

    /** The verify options. */
    public VerifySettings verify() {
        return verify;
    }

    /** {@code lockfile}: how this job's clones serialise their I/O to the files they share. */
    public FileLockMode lockfile() {
        return lockfile;
    }

    /** {@code write_iolog}, {@code read_iolog} and the replay's options. */
    public Replay replay() {
        return replay;
    }

    public int numjobs() {
        return grouping.numjobs();
    }

    public boolean newGroup() {
        return grouping.newGroup();
    }

    /**
     * {@code stonewall}; also true for the first job of every job file after the first, since
     * fio runs each job file as its own group.
     */
    public boolean stonewall() {
        return grouping.stonewall();
    }

    /** {@code wait_for}, or null. */
    public String waitFor() {
        return grouping.waitFor();
    }

    public boolean exitall() {
        return grouping.exitall();
    }

    /** exit_what: which jobs exitall (and exitall_on_error) end. */
    public ExitWhat exitWhat() {
        return grouping.exitWhat();
    }

    /** error_dump: each I/O error is printed as it happens. */
    public boolean errorDump() {
        return workload.errorDump();
    }

    /** exitall_on_error: when this job fails, stop every other job. */
    public boolean exitallOnError() {
        return grouping.exitallOnError();
    }

    public boolean thread() {
        return grouping.thread();
    }

    /**
     * The options set in this job's own section or {@code --name} group, in order, canonical
     * name → text after expansion (empty for a bare flag): fio's JSON "job options".
     */
    public Map<String, String> jobOptions() {
        return jobOptions;
    }

    /** Every option that applies (globals, section, command line), canonical name → text. */
    public Map<String, String> effectiveOptions() {
        return effectiveOptions;
    }

    /** The effective text of any option (core or engine; aliases accepted), or null when unset. */
    public String raw(String option) {
        CoreOption<?> d = CoreOptions.find(option);
        return effectiveOptions.get(d == null ? option : d.name());
    }

    /** The parsed value of one of the job's engine's options (Long, Boolean or String), or null if unset. */
    public Object engineOption(String option) {
        return engineValues.get(option);
    }

    /** The parsed values of every engine option the job sets, by name. */
    public Map<String, Object> engineOptions() {
        return engineValues;
    }

    /** Where the effective value of an option (aliases accepted) was set, or null when unset. */
    public SourceLocation location(String option) {
        CoreOption<?> d = CoreOptions.find(option);
        return locations.get(d == null ? option : d.name());
    }

    /** fio's {@code --showcmd} for this job alone: {@code jfio --name=x --rw=read ...}. */
    public String toCommandLine() {
        List<String> parts = new ArrayList<>();
        parts.add("jfio");
        parts.add(argument("name", name()));
        effectiveOptions.forEach((k, v) -> {
            if (!k.equals("name")) {
                parts.add(argument(k, v));
            }
        });
        return String.join(" ", parts);
    }

    /** {@code --cmdhelp} for core options; see {@link CoreOptions#helpFor}. */
    public static String helpFor(String option) {
        return CoreOptions.helpFor(option);
    }

    static String argument(String key, String value) {
        String arg = value.isEmpty() ? "--" + key : "--" + key + "=" + value;
        boolean plain = arg.chars().allMatch(c -> c > ' ' && "'\"\\$`!*?;&|<>(){}[]#~".indexOf(c) < 0);
        return plain ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "JobSpec[" + name() + " " + ioengine() + " " + rw() + "]";
    }
}
