package dev.jfio.job;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.EngineOption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses and validates the merged options of one job into a {@link JobSpec}. */
final class JobSpecBuilder {
    String name;
    String description;
    int index;
    String ioengine;
    String ioengineText = "psync";
    RwMode rw = RwMode.READ;
    int rwmixread = 50;
    BlockSizeSpec[] bs = {BlockSizeSpec.DEFAULT, BlockSizeSpec.DEFAULT, BlockSizeSpec.DEFAULT};
    long size = -1;
    double sizePercent;
    long ioSize = -1;
    double ioSizePercent;
    long offset;
    double offsetPercent;
    long offsetIncrement;
    double offsetIncrementPercent;
    List<String> filenames = List.of();
    String directory;
    int numjobs = 1;
    int iodepth = 1;
    int iodepthBatchSubmit = 1;
    int iodepthBatchCompleteMin = 1;
    int iodepthBatchCompleteMax;
    int iodepthLow;
    int loops = 1;
    boolean timeBased;
    long runtimeNanos;
    long rampTimeNanos;
    long startDelayNanos;
    Distribution randomDistribution = Distribution.UNIFORM;
    int[] percentageRandom = {100, 100, 100};
    boolean norandommap;
    boolean randrepeat = true;
    long randseed = 0x89;
    boolean randseedSet;
    long[] rate = new long[3];
    long[] rateIops = new long[3];
    RateProcess rateProcess = RateProcess.LINEAR;
    long thinktimeNanos;
    long thinktimeSpinNanos;
    int thinktimeBlocks = 1;
    boolean groupReporting;
    boolean newGroup;
    boolean stonewall;
    String waitFor;
    SyncOptions sync;
    FileOptions files;
    ContinueOnError continueOnError = ContinueOnError.NONE;
    boolean clatPercentiles = true;
    boolean latPercentiles;
    boolean slatPercentiles;
    double[] percentileList;
    boolean zeroBuffers;
    boolean refillBuffers;
    byte[] bufferPattern;
    boolean exitall;
    boolean exitallOnError;
    boolean thread;
    boolean direct;
    int kbBase = 1024;
    VerifySettings verify = VerifySettings.NONE;
    final Map<String, String> jobOptions = new LinkedHashMap<>();
    final Map<String, String> effectiveOptions = new LinkedHashMap<>();
    final Map<String, SourceLocation> locations = new LinkedHashMap<>();
    final Map<String, Object> engineValues = new LinkedHashMap<>();

    private final Map<String, Setting> effective;

    private JobSpecBuilder(Map<String, Setting> effective) {
        this.effective = effective;
    }

    /**
     * @param effective  every setting that applies, canonical name → the one that wins; engine
     *                   settings must already be limited to those the job's engine declares
     * @param own        the settings of the job's own section or --name group
     * @param engine     the canonical engine name
     */
    static JobSpec build(String sectionName, int index, String engine, Map<String, Setting> effective,
                         List<Setting> own, OptionCatalog catalog, boolean implicitStonewall) {
        JobSpecBuilder b = new JobSpecBuilder(effective);
        b.name = sectionName;
        b.index = index;
        b.ioengine = engine;
        for (Setting s : own) {
            b.jobOptions.put(s.name(), s.value());
        }
        for (Setting s : effective.values()) {
            b.effectiveOptions.put(s.name(), s.value());
            b.locations.put(s.name(), s.where());
        }
        b.parse(catalog);
        b.stonewall |= implicitStonewall;
        return new JobSpec(b);
    }

    private void parse(OptionCatalog catalog) {
        // kb_base first: every size depends on it, wherever it was written.
        Setting s = get("kb_base");
        if (s != null) {
            String v = s.require().trim();
            if (v.equals("1000")) {
                kbBase = 1000;
            } else if (!v.equals("1024")) {
                throw Setting.error(s, "kb_base must be 1024 or 1000, got '" + v + "'");
            }
        }
        if ((s = get("unit_base")) != null) {
            String v = s.require().trim();
            if (v.equals("1")) {
                throw Setting.error(s, "unit_base=1 (bit based reporting) is not supported yet");
            } else if (!v.equals("0") && !v.equals("8")) {
                throw Setting.error(s, "unit_base must be 0, 8 or 1, got '" + v + "'");
            }
        }
        if ((s = get("name")) != null) {
            name = s.require();
        }
        if ((s = get("description")) != null) {
            description = s.value();
        }
        if ((s = get("ioengine")) != null) {
            ioengineText = s.require().trim();
        }
        if ((s = get("rw")) != null) {
            String v = s.require();
            try {
                rw = RwMode.parse(v);
            } catch (IllegalArgumentException e) {
                throw new JobSpecException(s.where(), e.getMessage());
            }
        }
        Setting mixRead = get("rwmixread");
        Setting mixWrite = get("rwmixwrite");
        if (mixRead != null) {
            rwmixread = percentInt(mixRead, "rwmixread");
        }
        if (mixWrite != null) {
            int w = percentInt(mixWrite, "rwmixwrite");
            if (mixRead == null || later(mixWrite, mixRead)) {
                rwmixread = 100 - w;
            }
        }
        parseBlockSizes();
        if ((s = get("size")) != null) {
            if (ValueParsers.isPercent(s.value())) {
                sizePercent = percent(s);
            } else {
                size = size(s);
            }
        }
        if ((s = get("io_size")) != null) {
            if (ValueParsers.isPercent(s.value())) {
                try {
                    ioSizePercent = ValueParsers.parsePercent(s.value(), Double.MAX_VALUE);
                } catch (IllegalArgumentException e) {
                    throw Setting.error(s, e.getMessage());
                }
            } else {
                ioSize = size(s);
            }
        }
        if ((s = get("offset")) != null) {
            if (ValueParsers.isPercent(s.value())) {
                offsetPercent = percent(s);
            } else {
                offset = size(s);
            }
        }
        if ((s = get("offset_increment")) != null) {
            if (ValueParsers.isPercent(s.value())) {
                offsetIncrementPercent = percent(s);
            } else {
                offsetIncrement = size(s);
            }
        }
        if ((s = get("filename")) != null) {
            filenames = splitFilenames(s.require());
        }
        if ((s = get("directory")) != null) {
            directory = s.require();
        }
        numjobs = atLeast("numjobs", 1, numjobs);
        if (numjobs > JobSet.MAX_JOBS) {
            throw Setting.error(get("numjobs"), "numjobs must be at most " + JobSet.MAX_JOBS + " (fio's job limit), got " + numjobs);
        }
        iodepth = atLeast("iodepth", 1, iodepth);
        iodepthBatchSubmit = atLeast("iodepth_batch_submit", 0, iodepthBatchSubmit);
        iodepthBatchCompleteMin = atLeast("iodepth_batch_complete_min", 0, iodepthBatchCompleteMin);
        iodepthBatchCompleteMax = atLeast("iodepth_batch_complete_max", 1, iodepth);
        iodepthLow = atLeast("iodepth_low", 0, iodepth);
        if (iodepthBatchCompleteMin > iodepthBatchCompleteMax) {
            Setting where = get("iodepth_batch_complete_min");
            throw Setting.error(where != null ? where : get("iodepth_batch_complete_max"),
                    "iodepth_batch_complete_min (" + iodepthBatchCompleteMin
                            + ") is larger than iodepth_batch_complete_max (" + iodepthBatchCompleteMax + ")");
        }
        loops = atLeast("loops", 1, loops);
        thinktimeBlocks = atLeast("thinktime_blocks", 1, thinktimeBlocks);
        OptionValues values = new OptionValues(effective, kbBase);
        sync = SyncOptions.parse(values);
        files = FileOptions.parse(values);
        timeBased = bool("time_based", timeBased);
        runtimeNanos = time("runtime", "s", runtimeNanos);
        rampTimeNanos = time("ramp_time", "s", rampTimeNanos);
        startDelayNanos = time("startdelay", "s", startDelayNanos);
        thinktimeNanos = time("thinktime", "us", thinktimeNanos);
        thinktimeSpinNanos = time("thinktime_spin", "us", thinktimeSpinNanos);
        if ((s = get("random_distribution")) != null) {
            try {
                randomDistribution = Distribution.parse(s.require());
            } catch (IllegalArgumentException e) {
                throw new JobSpecException(s.where(), e.getMessage());
            }
        }
        if ((s = get("percentage_random")) != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    percentageRandom[i] = percentIntText(s, parts[i], "percentage_random");
                }
            }
        }
        norandommap = bool("norandommap", norandommap);
        randrepeat = bool("randrepeat", randrepeat);
        if ((s = get("randseed")) != null) {
            try {
                randseed = ValueParsers.parseLong(s.require());
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
            randseedSet = true;
        }
        rate = perDirectionSizes("rate");
        rateIops = perDirectionSizes("rate_iops");
        if ((s = get("rate_process")) != null) {
            String v = s.require().trim();
            if (v.equalsIgnoreCase("linear")) {
                rateProcess = RateProcess.LINEAR;
            } else if (v.equalsIgnoreCase("poisson")) {
                rateProcess = RateProcess.POISSON;
            } else {
                throw Setting.error(s, "invalid rate_process '" + v + "' (accepted: linear, poisson)");
            }
        }
        groupReporting = bool("group_reporting", groupReporting);
        newGroup = bool("new_group", newGroup);
        stonewall = bool("stonewall", stonewall);
        if ((s = get("wait_for")) != null) {
            waitFor = s.require();
        }
        if ((s = get("continue_on_error")) != null) {
            try {
                continueOnError = ContinueOnError.parse(s.require());
            } catch (IllegalArgumentException e) {
                throw new JobSpecException(s.where(), e.getMessage());
            }
        }
        clatPercentiles = bool("clat_percentiles", clatPercentiles);
        latPercentiles = bool("lat_percentiles", latPercentiles);
        slatPercentiles = bool("slat_percentiles", slatPercentiles);
        if ((s = get("percentile_list")) != null) {
            try {
                percentileList = ValueParsers.parsePercentileList(s.require());
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
        }
        zeroBuffers = bool("zero_buffers", zeroBuffers);
        refillBuffers = bool("refill_buffers", refillBuffers);
        if ((s = get("buffer_pattern")) != null) {
            try {
                bufferPattern = ValueParsers.parseBufferPattern(s.require());
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
        }
        exitall = bool("exitall", exitall);
        exitallOnError = bool("exitall_on_error", exitallOnError);
        thread = bool("thread", thread);
        direct = bool("direct", direct);

        verify = VerifySettings.parse(effective, kbBase, rw, bs, timeBased);

        if (size > 0 && maxUsedBlockSize() > size) {
            Setting where = get("bssplit") != null ? get("bssplit") : get("bsrange") != null ? get("bsrange") : get("bs");
            throw Setting.error(where != null ? where : get("size"), "block size " + maxUsedBlockSize()
                    + " is larger than size " + size);
        }

        for (Setting e : effective.values()) {
            if (e.engine()) {
                EngineOption<?> o = catalog.engineOption(ioengine, e.name());
                if (o == null) {
                    throw new IllegalStateException("engine option " + e.name() + " not declared by " + ioengine);
                }
                try {
                    engineValues.put(e.name(), OptionCatalog.parseEngineValue(o, e.value(), kbBase));
                } catch (IllegalArgumentException ex) {
                    throw Setting.error(e, ex.getMessage());
                }
            }
        }
    }

    private int maxUsedBlockSize() {
        int max = 0;
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                max = Math.max(max, bs[d.ordinal()].max());
            }
        }
        return max;
    }

    private void parseBlockSizes() {
        Setting s = get("bs");
        if (s != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    bs[i] = BlockSizeSpec.fixed(blockSize(s, parts[i]));
                }
            }
        }
        if ((s = get("bsrange")) != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    long[] r;
                    try {
                        r = ValueParsers.parseRange(parts[i], kbBase);
                    } catch (IllegalArgumentException e) {
                        throw Setting.error(s, e.getMessage());
                    }
                    int min = blockSizeValue(s, r[0]);
                    int max = blockSizeValue(s, r[1]);
                    bs[i] = new BlockSizeSpec(min, max, List.of());
                }
            }
        }
        if ((s = get("bssplit")) != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    List<BsSplitEntry> split;
                    try {
                        split = ValueParsers.parseBsSplit(parts[i], kbBase);
                    } catch (IllegalArgumentException e) {
                        throw Setting.error(s, e.getMessage());
                    }
                    int min = Integer.MAX_VALUE;
                    int max = 0;
                    for (BsSplitEntry e : split) {
                        if (e.percent() > 0) {
                            min = Math.min(min, e.size());
                            max = Math.max(max, e.size());
                        }
                    }
                    if (max == 0) {
                        throw Setting.error(s, "bssplit '" + parts[i] + "' gives no block size a share");
                    }
                    bs[i] = new BlockSizeSpec(min, max, split);
                }
            }
        }
    }

    private int blockSize(Setting s, String text) {
        try {
            return blockSizeValue(s, ValueParsers.parseSize(text, kbBase));
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    private int blockSizeValue(Setting s, long v) {
        if (v < 1) {
            throw Setting.error(s, "block size must be at least 1 byte");
        }
        if (v > Integer.MAX_VALUE) {
            throw Setting.error(s, "block size " + v + " is too large");
        }
        return (int) v;
    }

    private long[] perDirectionSizes(String option) {
        long[] out = new long[3];
        Setting s = get(option);
        if (s != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    try {
                        out[i] = ValueParsers.parseSize(parts[i], kbBase);
                    } catch (IllegalArgumentException e) {
                        throw Setting.error(s, e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    private String[] perDirection(Setting s) {
        try {
            return ValueParsers.splitPerDirection(s.require());
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    static List<String> splitFilenames(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                cur.append(':');
                i++;
            } else if (c == ':') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private Setting get(String option) {
        return effective.get(option);
    }

    private static boolean later(Setting a, Setting b) {
        SourceLocation x = a.where();
        SourceLocation y = b.where();
        if (x.isCommandLine() != y.isCommandLine()) {
            return x.isCommandLine();
        }
        if (x.file().equals(y.file())) {
            return x.line() > y.line();
        }
        return false;
    }



    private long size(Setting s) {
        try {
            return ValueParsers.parseSize(s.require(), kbBase);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    private double percent(Setting s) {
        try {
            return ValueParsers.parsePercent(s.value());
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    private int percentInt(Setting s, String what) {
        return percentIntText(s, s.require(), what);
    }

    private int percentIntText(Setting s, String text, String what) {
        try {
            return ValueParsers.parsePercentInt(text, what);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    private int atLeast(String option, int min, int dflt) {
        Setting s = get(option);
        if (s == null) {
            return dflt;
        }
        int v;
        try {
            v = ValueParsers.parseInt(s.require(), kbBase);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
        if (v < min) {
            throw Setting.error(s, option + " must be at least " + min + ", got " + v);
        }
        return v;
    }


    private boolean bool(String option, boolean dflt) {
        return Setting.bool(get(option), dflt);
    }

    private long time(String option, String unit, long dflt) {
        Setting s = get(option);
        if (s == null) {
            return dflt;
        }
        try {
            return ValueParsers.parseTimeNanos(s.require(), unit);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }
}
