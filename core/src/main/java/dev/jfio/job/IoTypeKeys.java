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
    static final CoreOption<Boolean> NORANDOMMAP = KEYS.add(
            "norandommap", OptionType.BOOL, false, "Accept potential duplicate random blocks", "I/O type", bool());
    static final CoreOption<Boolean> LFSR = KEYS.choice(
            "random_generator",
            false,
            "tausworthe",
            "Type of random number generator to use (jfio: lfsr visits every block once per pass, even with"
                    + " norandommap; tausworthe and tausworthe64 use jfio's generator)",
            "I/O type",
            List.of("tausworthe", "lfsr", "tausworthe64"),
            IoTypeKeys::lfsr);
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

    /** {@code random_generator}: whether it is fio's lfsr. */
    private static Boolean lfsr(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equalsIgnoreCase("lfsr")) {
            return true;
        } else if (v.equalsIgnoreCase("tausworthe") || v.equalsIgnoreCase("tausworthe64")) {
            return false;
        }
        throw Setting.error(s, "unknown generator (accepted: tausworthe, lfsr, tausworthe64)");
    }

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
