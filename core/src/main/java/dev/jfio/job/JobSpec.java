package dev.jfio.job;

import dev.jfio.spi.IoOp;
import dev.jfio.verify.VerifyMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One job as its job file section or {@code --name} group defines it, with every option parsed
 * and validated. {@code numjobs} is not expanded: the runner clones. Immutable (the arrays handed
 * out are copies); safe to read from any thread.
 */
public final class JobSpec {
    /** fio's default percentile_list. */
    private static final double[] DEFAULT_PERCENTILES = {
        1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99
    };

    private final String name;
    private final String description;
    private final int index;
    private final String ioengine;
    private final String ioengineText;
    private final RwMode rw;
    private final int rwmixread;
    private final BlockSizeSpec[] bs;
    private final long size;
    private final double sizePercent;
    private final long ioSize;
    private final double ioSizePercent;
    private final long offset;
    private final double offsetPercent;
    private final long offsetIncrement;
    private final double offsetIncrementPercent;
    private final List<String> filenames;
    private final String directory;
    private final int numjobs;
    private final int iodepth;
    private final int iodepthBatchSubmit;
    private final int iodepthBatchCompleteMin;
    private final int iodepthBatchCompleteMax;
    private final int iodepthLow;
    private final int loops;
    private final boolean timeBased;
    private final long runtimeNanos;
    private final long rampTimeNanos;
    private final long startDelayNanos;
    private final Distribution randomDistribution;
    private final int[] percentageRandom;
    private final boolean norandommap;
    private final boolean randrepeat;
    private final long randseed;
    private final boolean randseedSet;
    private final long[] rate;
    private final long[] rateIops;
    private final RateProcess rateProcess;
    private final long thinktimeNanos;
    private final long thinktimeSpinNanos;
    private final int thinktimeBlocks;
    private final boolean groupReporting;
    private final boolean newGroup;
    private final boolean stonewall;
    private final String waitFor;
    private final SyncOptions sync;
    private final FileOptions files;
    private final ContinueOnError continueOnError;
    private final boolean clatPercentiles;
    private final boolean latPercentiles;
    private final boolean slatPercentiles;
    private final double[] percentileList;
    private final boolean zeroBuffers;
    private final boolean refillBuffers;
    private final byte[] bufferPattern;
    private final boolean exitall;
    private final boolean exitallOnError;
    private final boolean thread;
    private final boolean direct;
    private final int kbBase;
    private final VerifySettings verify;
    private final Map<String, String> jobOptions;
    private final Map<String, String> effectiveOptions;
    private final Map<String, SourceLocation> locations;
    private final Map<String, Object> engineValues;

    JobSpec(JobSpecBuilder b) {
        name = b.name;
        description = b.description;
        index = b.index;
        ioengine = b.ioengine;
        ioengineText = b.ioengineText;
        rw = b.rw;
        rwmixread = b.rwmixread;
        bs = b.bs.clone();
        size = b.size;
        sizePercent = b.sizePercent;
        ioSize = b.ioSize;
        ioSizePercent = b.ioSizePercent;
        offset = b.offset;
        offsetPercent = b.offsetPercent;
        offsetIncrement = b.offsetIncrement;
        offsetIncrementPercent = b.offsetIncrementPercent;
        filenames = List.copyOf(b.filenames);
        directory = b.directory;
        numjobs = b.numjobs;
        iodepth = b.iodepth;
        iodepthBatchSubmit = b.iodepthBatchSubmit;
        iodepthBatchCompleteMin = b.iodepthBatchCompleteMin;
        iodepthBatchCompleteMax = b.iodepthBatchCompleteMax;
        iodepthLow = b.iodepthLow;
        loops = b.loops;
        timeBased = b.timeBased;
        runtimeNanos = b.runtimeNanos;
        rampTimeNanos = b.rampTimeNanos;
        startDelayNanos = b.startDelayNanos;
        randomDistribution = b.randomDistribution;
        percentageRandom = b.percentageRandom.clone();
        norandommap = b.norandommap;
        randrepeat = b.randrepeat;
        randseed = b.randseed;
        randseedSet = b.randseedSet;
        rate = b.rate.clone();
        rateIops = b.rateIops.clone();
        rateProcess = b.rateProcess;
        thinktimeNanos = b.thinktimeNanos;
        thinktimeSpinNanos = b.thinktimeSpinNanos;
        thinktimeBlocks = b.thinktimeBlocks;
        groupReporting = b.groupReporting;
        newGroup = b.newGroup;
        stonewall = b.stonewall;
        waitFor = b.waitFor;
        sync = b.sync;
        files = b.files;
        continueOnError = b.continueOnError;
        clatPercentiles = b.clatPercentiles;
        latPercentiles = b.latPercentiles;
        slatPercentiles = b.slatPercentiles;
        percentileList = b.percentileList == null ? DEFAULT_PERCENTILES.clone() : b.percentileList.clone();
        zeroBuffers = b.zeroBuffers;
        refillBuffers = b.refillBuffers;
        bufferPattern = b.bufferPattern == null ? null : b.bufferPattern.clone();
        exitall = b.exitall;
        exitallOnError = b.exitallOnError;
        thread = b.thread;
        direct = b.direct;
        kbBase = b.kbBase;
        verify = b.verify;
        jobOptions = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.jobOptions));
        effectiveOptions = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.effectiveOptions));
        locations = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.locations));
        engineValues = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.engineValues));
    }

    /** The job's name: its section name, or its {@code --name}; a {@code name=} option overrides. */
    public String name() { return name; }

    /** {@code description}, or null. */
    public String description() { return description; }

    /** The job's position in the run, from 0. */
    public int index() { return index; }

    /** The canonical engine name the resolver gave for {@link #ioengineText()}. */
    public String ioengine() { return ioengine; }

    /** {@code ioengine} as written ("psync" when unset). */
    public String ioengineText() { return ioengineText; }

    public RwMode rw() { return rw; }

    /** Percentage of reads in a mixed workload; {@code rwmixwrite} set later wins, as in fio. */
    public int rwmixread() { return rwmixread; }

    /** The block sizes of direction {@code d}, from bssplit, bsrange or bs (that priority); 4096 by default. */
    public BlockSizeSpec bs(IoOp d) { return bs[d.ordinal()]; }

    /** The largest block size of the directions the workload uses. */
    public int maxBlockSize() {
        int max = 0;
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                max = Math.max(max, bs[d.ordinal()].max());
            }
        }
        return max;
    }

    /** The smallest block size of the directions the workload uses. */
    public int minBlockSize() {
        int min = Integer.MAX_VALUE;
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                min = Math.min(min, bs[d.ordinal()].min());
            }
        }
        return min;
    }

    /** {@code size} in bytes, or -1 when unset or given as a percentage. */
    public long size() { return size; }

    /** The N of {@code size=N%}, or 0. */
    public double sizePercent() { return sizePercent; }

    /** {@code io_size} in bytes, or -1 when unset or given as a percentage. */
    public long ioSize() { return ioSize; }

    /** The N of {@code io_size=N%} (a percentage of size), or 0. */
    public double ioSizePercent() { return ioSizePercent; }

    /** {@code offset} in bytes (0 when unset or a percentage). */
    public long offset() { return offset; }

    /** The N of {@code offset=N%}, or 0. */
    public double offsetPercent() { return offsetPercent; }

    /** {@code offset_increment} in bytes (0 when unset or a percentage). */
    public long offsetIncrement() { return offsetIncrement; }

    /** The N of {@code offset_increment=N%}, or 0. */
    public double offsetIncrementPercent() { return offsetIncrementPercent; }

    /** {@code filename} split at ':' ({@code \:} is a literal colon); empty when unset. */
    public List<String> filenames() { return filenames; }

    /** {@code directory}, or null. */
    public String directory() { return directory; }

    public int numjobs() { return numjobs; }

    public int iodepth() { return iodepth; }

    public int iodepthBatchSubmit() { return iodepthBatchSubmit; }

    public int iodepthBatchCompleteMin() { return iodepthBatchCompleteMin; }

    /** {@code iodepth_batch_complete_max}; iodepth when unset. */
    public int iodepthBatchCompleteMax() { return iodepthBatchCompleteMax; }

    /** {@code iodepth_low}; iodepth when unset. */
    public int iodepthLow() { return iodepthLow; }

    public int loops() { return loops; }

    public boolean timeBased() { return timeBased; }

    /** {@code runtime} in nanoseconds; 0 when unset. */
    public long runtimeNanos() { return runtimeNanos; }

    public long rampTimeNanos() { return rampTimeNanos; }

    public long startDelayNanos() { return startDelayNanos; }

    public Distribution randomDistribution() { return randomDistribution; }

    /** {@code percentage_random} of the first direction the workload uses (0..100, default 100). */
    public int percentageRandom() {
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                return percentageRandom[d.ordinal()];
            }
        }
        return percentageRandom[0];
    }

    /** {@code percentage_random} of direction {@code d}. */
    public int percentageRandom(IoOp d) { return percentageRandom[d.ordinal()]; }

    public boolean norandommap() { return norandommap; }

    /** Default true. */
    public boolean randrepeat() { return randrepeat; }

    /** {@code randseed}; fio's default 0x89 when unset. */
    public long randseed() { return randseed; }

    public boolean randseedSet() { return randseedSet; }

    /** {@code rate} of direction {@code d} in bytes/s, 0 for none. */
    public long rate(IoOp d) { return rate[d.ordinal()]; }

    /** {@code rate_iops} of direction {@code d}, 0 for none. */
    public long rateIops(IoOp d) { return rateIops[d.ordinal()]; }

    public RateProcess rateProcess() { return rateProcess; }

    public long thinktimeNanos() { return thinktimeNanos; }

    public long thinktimeSpinNanos() { return thinktimeSpinNanos; }

    public int thinktimeBlocks() { return thinktimeBlocks; }

    public boolean groupReporting() { return groupReporting; }

    public boolean newGroup() { return newGroup; }

    /**
     * {@code stonewall}; also true for the first job of every job file after the first, since
     * fio runs each job file as its own group.
     */
    public boolean stonewall() { return stonewall; }

    /** {@code wait_for}, or null. */
    public String waitFor() { return waitFor; }

    /** {@code fsync}, {@code fdatasync}, {@code end_fsync}, {@code fsync_on_close}, {@code sync=}. */
    public SyncOptions sync() { return sync; }

    /** {@code nrfiles}, {@code openfiles}, {@code filesize}, {@code file_service_type} and file handling. */
    public FileOptions files() { return files; }

    public ContinueOnError continueOnError() { return continueOnError; }

    /** Default true. */
    public boolean clatPercentiles() { return clatPercentiles; }

    public boolean latPercentiles() { return latPercentiles; }

    public boolean slatPercentiles() { return slatPercentiles; }

    /** The percentiles to report; fio's 17 defaults when unset. A copy. */
    public double[] percentileList() { return percentileList.clone(); }

    public boolean zeroBuffers() { return zeroBuffers; }

    public boolean refillBuffers() { return refillBuffers; }

    /** The bytes of {@code buffer_pattern} (a copy), or null when unset. */
    public byte[] bufferPattern() { return bufferPattern == null ? null : bufferPattern.clone(); }

    public boolean exitall() { return exitall; }

    /** exitall_on_error: when this job fails, stop every other job. */
    public boolean exitallOnError() { return exitallOnError; }

    public boolean thread() { return thread; }

    public boolean direct() { return direct; }

    /** 1024 (default) or 1000. */
    public int kbBase() { return kbBase; }

    /** {@code verify}, or null when unset or none; {@code verify_pattern} alone implies {@link VerifyMode#PATTERN}. */
    public VerifyMode verify() { return verify.mode; }

    /** The bytes of {@code verify_pattern} (a copy), or null when unset. */
    public byte[] verifyPattern() { return verify.pattern == null ? null : verify.pattern.clone(); }

    /** {@code do_verify}: verify after the write phase; default true. */
    public boolean doVerify() { return verify.doVerify; }

    /** {@code verify_fatal}: stop the job at the first verify failure. */
    public boolean verifyFatal() { return verify.fatal; }

    /** {@code verify_backlog}: verify after every N written blocks; 0 (default) for after the write phase. */
    public long verifyBacklog() { return verify.backlog; }

    /**
     * {@code verify_interval} in bytes; 0 when unset, meaning one header per block. Checked: at
     * least the mode's header, at most the smallest block size, and dividing every block size.
     */
    public int verifyInterval() { return verify.interval; }

    /** {@code verify_offset} in bytes; 0 when unset. Checked to fit the header inside the interval. */
    public int verifyOffset() { return verify.offset; }

    /** {@code verify_only}: read and verify what an earlier run wrote, write nothing. */
    public boolean verifyOnly() { return verify.only; }

    /**
     * The options set in this job's own section or {@code --name} group, in order, canonical
     * name → text after expansion (empty for a bare flag): fio's JSON "job options".
     */
    public Map<String, String> jobOptions() { return jobOptions; }

    /** Every option that applies (globals, section, command line), canonical name → text. */
    public Map<String, String> effectiveOptions() { return effectiveOptions; }

    /** The effective text of any option (core or engine; aliases accepted), or null when unset. */
    public String raw(String option) {
        OptionDescriptor d = CoreOptions.find(option);
        return effectiveOptions.get(d == null ? option : d.name());
    }

    /** The parsed value of one of the job's engine's options (Long, Boolean or String), or null if unset. */
    public Object engineOption(String option) { return engineValues.get(option); }

    /** The parsed values of every engine option the job sets, by name. */
    public Map<String, Object> engineOptions() { return engineValues; }

    /** Where the effective value of an option (aliases accepted) was set, or null when unset. */
    public SourceLocation location(String option) {
        OptionDescriptor d = CoreOptions.find(option);
        return locations.get(d == null ? option : d.name());
    }

    /** fio's {@code --showcmd} for this job alone: {@code jfio --name=x --rw=read ...}. */
    public String toCommandLine() {
        List<String> parts = new ArrayList<>();
        parts.add("jfio");
        parts.add(argument("name", name));
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
        return "JobSpec[" + name + " " + ioengine + " " + rw + "]";
    }
}
