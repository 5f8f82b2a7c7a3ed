package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.longValue;
import static dev.jfio.job.SettingParsers.percentInt;
import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.sizeOrPercent;

import java.util.List;

/**
 * fio's options of the I/O pattern: direction and mix, randomness, syncing every N writes, block
 * sizes, and the region and amount of I/O.
 * Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe from any
 * thread.
 */
final class IoTypeKeys {
    private static final OptionList KEYS = new OptionList();

    // I/O type
    static final CoreOption<RwMode> RW = KEYS.declare(
            "rw",
            List.of("readwrite"),
            OptionType.RW,
            RwMode.READ,
            "read",
            "IO direction",
            "I/O type",
            List.of(),
            plain(RwMode::parse));
    static final CoreOption<Integer> RWMIXREAD = KEYS.add(
            "rwmixread", OptionType.INT, 50, "Percentage of mixed workload that is reads", "I/O type", percentInt());
    static final CoreOption<Integer> RWMIXWRITE = KEYS.add(
            "rwmixwrite", OptionType.INT, 50, "Percentage of mixed workload that is writes", "I/O type", percentInt());
    static final CoreOption<Distribution> RANDOM_DISTRIBUTION = KEYS.declare(
            "random_distribution",
            List.of(),
            OptionType.DISTRIBUTION,
            Distribution.UNIFORM,
            "random",
            "Random offset distribution generator",
            "I/O type",
            List.of(),
            plain(Distribution::parse));
    static final CoreOption<int[]> PERCENTAGE_RANDOM = KEYS.declare(
            "percentage_random",
            List.of(),
            OptionType.PER_DIR_INT,
            new int[] {100, 100, 100},
            "100,100,100",
            "Percentage of seq/random mix that should be random",
            "I/O type",
            List.of(),
            SettingParsers.perDirectionPercent());
    static final CoreOption<Boolean> RW_SEQUENCER_IDENTICAL = KEYS.choice(
            "rw_sequencer",
            false,
            "sequential",
            "IO offset generator modifier",
            "I/O type",
            List.of("sequential", "identical"),
            plain(IoTypeKeys::sequencer));
    static final CoreOption<Boolean> BS_IS_SEQ_RAND = KEYS.add(
            "bs_is_seq_rand",
            OptionType.BOOL,
            false,
            "Consider any blocksize setting to be sequential,random",
            "Block size",
            bool());
    static final CoreOption<long[]> BLOCKALIGN = KEYS.declare(
            "blockalign",
            List.of("ba"),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "IO block offset alignment",
            "Block size",
            List.of(),
            SettingParsers.perDirectionSizes());
    static final CoreOption<Long> OFFSET_ALIGN = KEYS.add(
            "offset_align",
            OptionType.SIZE,
            0L,
            "Start IO from this offset alignment",
            "I/O size",
            SettingParsers.size());
    static final CoreOption<Long> NUMBER_IOS = KEYS.add(
            "number_ios",
            OptionType.INT,
            0L,
            "Force job completion after this number of IOs",
            "I/O size",
            SettingParsers.size());
    static final CoreOption<Boolean> NORANDOMMAP = KEYS.add(
            "norandommap", OptionType.BOOL, false, "Accept potential duplicate random blocks", "I/O type", bool());
    static final CoreOption<Boolean> ALLRANDREPEAT = KEYS.add(
            "allrandrepeat",
            OptionType.BOOL,
            false,
            "Use repeatable random numbers for everything",
            "I/O type",
            bool());
    static final CoreOption<String> RANDOM_GENERATOR = KEYS.choice(
            "random_generator",
            "tausworthe",
            "tausworthe",
            "Type of random number generator to use",
            "I/O type",
            List.of("tausworthe", "lfsr", "tausworthe64"),
            plain(IoTypeKeys::generator));
    static final CoreOption<Boolean> RANDREPEAT =
            KEYS.add("randrepeat", OptionType.BOOL, true, "Use repeatable random IO pattern", "I/O type", bool());
    static final CoreOption<Long> RANDSEED = KEYS.declare(
            "randseed",
            List.of(),
            OptionType.INT,
            0x89L,
            "0x89",
            "Set the random generator seed value",
            "I/O type",
            List.of(),
            longValue());
    static final CoreOption<Integer> FSYNC = KEYS.add(
            "fsync", OptionType.INT, 0, "Issue fsync for writes every given number of blocks", "I/O type", atLeast(0));
    static final CoreOption<Integer> FDATASYNC = KEYS.add(
            "fdatasync",
            OptionType.INT,
            0,
            "Issue fdatasync for writes every given number of blocks",
            "I/O type",
            atLeast(0));
    static final CoreOption<Boolean> END_FSYNC =
            KEYS.add("end_fsync", OptionType.BOOL, false, "Include fsync at the end of job", "I/O type", bool());
    // Block size
    static final CoreOption<BlockSizeSpec[]> BS = KEYS.declare(
            "bs",
            List.of("blocksize"),
            OptionType.PER_DIR_SIZE,
            null,
            "4096",
            "Block size unit",
            "Block size",
            List.of(),
            SettingParsers.blockSizes());
    static final CoreOption<BlockSizeSpec[]> BSRANGE = KEYS.add(
            "bsrange",
            List.of("blocksize_range"),
            OptionType.PER_DIR_RANGE,
            null,
            "Set block size range (in more detail than bs)",
            "Block size",
            SettingParsers.blockSizeRanges());
    static final CoreOption<BlockSizeSpec[]> BSSPLIT = KEYS.add(
            "bssplit",
            OptionType.BSSPLIT,
            null,
            "Set a specific mix of block sizes",
            "Block size",
            SettingParsers.blockSizeSplits());
    // I/O size
    static final CoreOption<SizeOrPercent> SIZE = KEYS.add(
            "size", OptionType.SIZE_OR_PERCENT, null, "Total size of device or files", "I/O size", sizeOrPercent(100));
    static final CoreOption<SizeOrPercent> IO_SIZE = KEYS.add(
            "io_size",
            List.of("io_limit"),
            OptionType.SIZE_OR_PERCENT,
            null,
            "Total size of I/O to be performed",
            "I/O size",
            sizeOrPercent(Double.MAX_VALUE));
    static final CoreOption<SizeOrPercent> OFFSET = KEYS.declare(
            "offset",
            List.of(),
            OptionType.SIZE_OR_PERCENT,
            new SizeOrPercent(0, 0),
            "0",
            "Start IO from this offset",
            "I/O size",
            List.of(),
            sizeOrPercent(100));
    static final CoreOption<SizeOrPercent> OFFSET_INCREMENT = KEYS.declare(
            "offset_increment",
            List.of(),
            OptionType.SIZE_OR_PERCENT,
            new SizeOrPercent(0, 0),
            "0",
            "What is the increment from one offset to the next",
            "I/O size",
            List.of(),
            sizeOrPercent(100));
    static final CoreOption<Integer> LOOPS =
            KEYS.add("loops", OptionType.INT, 1, "Number of times to run the job", "I/O size", atLeast(1));

    private IoTypeKeys() {}

    private static String generator(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("tausworthe") || t.equals("lfsr") || t.equals("tausworthe64")) {
            return t;
        }
        throw new IllegalArgumentException(
                "invalid random_generator value '" + text.trim() + "' (accepted: tausworthe, lfsr, tausworthe64)");
    }

    /** {@code rw_sequencer}: whether the I/Os between random ones repeat the last offset ("identical"). */
    private static boolean sequencer(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "sequential":
                return false;
            case "identical":
                return true;
            default:
                throw new IllegalArgumentException(
                        "invalid rw_sequencer value '" + text.trim() + "' (accepted: sequential, identical)");
        }
    }

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
