package dev.jfio.job;

import dev.jfio.spi.EngineOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes a {@link JobSpec} from the merged settings of one job: each of its option records
 * parses its own options; the checks that span records (block size against size, the read/write
 * mix) and the engine's options are made here.
 */
final class JobSpecBuilder {
    private JobSpecBuilder() {}

    /**
     * @param effective  every setting that applies, canonical name → the one that wins; engine
     *                   settings must already be limited to those the job's engine declares
     * @param own        the settings of the job's own section or --name group
     * @param engine     the canonical engine name
     */
    static JobSpec build(
            String sectionName,
            int index,
            String engine,
            Map<String, Setting> effective,
            List<Setting> own,
            OptionCatalog catalog,
            boolean implicitStonewall) {
        OptionValues o = new OptionValues(effective);
        o.get(TargetKeys.UNIT_BASE);
        JobSpec.Identity identity = new JobSpec.Identity(
                o.isSet(TargetKeys.NAME) ? o.get(TargetKeys.NAME) : sectionName,
                o.get(TargetKeys.DESCRIPTION),
                index,
                engine,
                o.get(TargetKeys.IOENGINE));
        RwMode rw = o.get(IoTypeKeys.RW);
        int rwmixread = rwmixread(o);
        BlockSizeSpec[] bs = blockSizes(o);
        Region region = Region.parse(o);
        int numjobs = o.get(JobControlKeys.NUMJOBS);
        if (numjobs > JobSet.MAX_JOBS) {
            throw Setting.error(
                    o.setting(JobControlKeys.NUMJOBS),
                    "numjobs must be at most " + JobSet.MAX_JOBS + " (fio's job limit), got " + numjobs);
        }
        Depth depth = Depth.parse(o);
        ThinkTime think = ThinkTime.parse(o);
        SyncOptions sync = SyncOptions.parse(o);
        List<String> warnings = new ArrayList<>();
        Timing timing = Timing.parse(o);
        if (timing.timeBased() && timing.runtimeNanos() == 0) {
            // fio warns and runs by size; a time-based job without a deadline would never end
            Setting where = o.setting(PacingKeys.TIME_BASED);
            warnings.add((where != null ? where.where() + ": " : "")
                    + "time_based requires a runtime/timeout setting: the job runs by size");
            timing = new Timing(
                    false,
                    0,
                    timing.rampTimeNanos(),
                    timing.startDelayNanos(),
                    timing.loops(),
                    timing.drainTimeoutNanos());
        }
        Randomness randomness = Randomness.parse(o);
        Sequencing sequencing = Sequencing.parse(o, rw);
        Scheduling scheduling = Scheduling.parse(o);
        Rate rate = Rate.parse(o);
        Setting watermark = o.setting(PacingKeys.FLOW_WATERMARK);
        if (watermark != null) {
            warnings.add(watermark.where() + ": option flow_watermark is deprecated (no effect, as in fio 3.33)");
        }
        ProfileKeys.notices(o, warnings);
        RefusedKeys.check(o);
        FileLifecycle.warn(o, warnings);
        for (CoreOption<String> deprecated : List.of(VerifyKeys.VERIFYSORT, VerifyKeys.VERIFYSORT_NR)) {
            Setting s = o.setting(deprecated);
            if (s != null) {
                warnings.add(s.where() + ": option " + s.name() + " is deprecated (no effect, as in fio 3.33)");
            }
        }
        JobSpec.Grouping grouping = new JobSpec.Grouping(
                numjobs,
                o.get(JobControlKeys.NEW_GROUP),
                o.get(JobControlKeys.STONEWALL) || implicitStonewall,
                o.get(TargetKeys.WAIT_FOR),
                o.get(JobControlKeys.EXITALL),
                o.get(VerifyKeys.EXIT_WHAT),
                o.get(JobControlKeys.EXITALL_ON_ERROR),
                o.get(JobControlKeys.THREAD));
        ContinueOnError continueOnError = o.get(JobControlKeys.CONTINUE_ON_ERROR);
        Reporting reporting = Reporting.parse(o);
        Buffers buffers = Buffers.parse(o);
        // buffered is fio's inverse of direct; atomic opens with O_DIRECT (Linux has no O_ATOMIC)
        boolean direct = o.get(TargetKeys.DIRECT)
                || (o.isSet(FileLifecycleKeys.BUFFERED) && !o.get(FileLifecycleKeys.BUFFERED))
                || o.get(FileLifecycleKeys.ATOMIC);
        VerifySettings verify = VerifySettings.parse(o, rw, bs, timing.timeBased());
        Replay replay = Replay.parse(o, warnings);
        if (replay.replays() && verify.mode() != null) {
            throw Setting.error(
                    o.setting(ReplayKeys.READ_IOLOG),
                    "read_iolog with verify: jfio cannot verify a replay yet (fio checks the replayed writes)");
        }
        JobSpec.Workload workload = new JobSpec.Workload(
                rw, rwmixread, bs, direct, o.kbBase(), continueOnError, o.get(VerifyKeys.ERROR_DUMP));
        if (region.size() > 0 && workload.maxBlockSize() > region.size()) {
            Setting where = o.setting(IoTypeKeys.BSSPLIT) != null
                    ? o.setting(IoTypeKeys.BSSPLIT)
                    : o.setting(IoTypeKeys.BSRANGE) != null ? o.setting(IoTypeKeys.BSRANGE) : o.setting(IoTypeKeys.BS);
            throw Setting.error(
                    where != null ? where : o.setting(IoTypeKeys.SIZE),
                    "block size " + workload.maxBlockSize() + " is larger than size " + region.size());
        }
        Map<String, String> jobOptions = new LinkedHashMap<>();
        for (Setting s : own) {
            jobOptions.put(s.name(), s.value());
        }
        return new JobSpec(
                identity,
                workload,
                region,
                depth,
                timing,
                randomness,
                sequencing,
                scheduling,
                o.get(JobControlKeys.IGNORE_ERROR),
                rate,
                think,
                LatencyControl.parse(o),
                sync,
                buffers,
                reporting,
                LogOptions.parse(o),
                verify,
                replay,
                o.get(LockAndSyncRangeKeys.LOCKFILE),
                grouping,
                jobOptions,
                effective,
                engineValues(effective, catalog, engine, o.kbBase()),
                warnings);
    }

    /** {@code rwmixread}; a {@code rwmixwrite} written later wins, as in fio. */
    private static int rwmixread(OptionValues o) {
        Setting mixRead = o.setting(IoTypeKeys.RWMIXREAD);
        Setting mixWrite = o.setting(IoTypeKeys.RWMIXWRITE);
        int read = o.get(IoTypeKeys.RWMIXREAD);
        if (mixWrite != null) {
            int w = o.get(IoTypeKeys.RWMIXWRITE);
            if (mixRead == null || later(mixWrite, mixRead)) {
                read = 100 - w;
            }
        }
        return read;
    }

    /** The block sizes per direction from bssplit, bsrange or bs (that priority); 4096 by default. */
    private static BlockSizeSpec[] blockSizes(OptionValues o) {
        BlockSizeSpec[] bs = {BlockSizeSpec.DEFAULT, BlockSizeSpec.DEFAULT, BlockSizeSpec.DEFAULT};
        for (CoreOption<BlockSizeSpec[]> option : List.of(IoTypeKeys.BS, IoTypeKeys.BSRANGE, IoTypeKeys.BSSPLIT)) {
            BlockSizeSpec[] given = o.get(option);
            for (int i = 0; given != null && i < 3; i++) {
                if (given[i] != null) {
                    bs[i] = given[i];
                }
            }
        }
        return bs;
    }

    private static Map<String, Object> engineValues(
            Map<String, Setting> effective, OptionCatalog catalog, String engine, int kbBase) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting e : effective.values()) {
            if (e.engine()) {
                EngineOption<?> option = catalog.engineOption(engine, e.name());
                if (option == null) {
                    throw new IllegalStateException("engine option " + e.name() + " not declared by " + engine);
                }
                try {
                    values.put(e.name(), OptionCatalog.parseEngineValue(option, e.value(), kbBase));
                } catch (IllegalArgumentException ex) {
                    throw Setting.error(e, ex.getMessage());
                }
            }
        }
        return values;
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
}
