package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.text;

import dev.jfio.spi.IoOp;
import java.util.List;
import java.util.Locale;

/**
 * fio's I/O log options (HOWTO "I/O replay"): {@code write_iolog} records every I/O a job issues in
 * fio's iolog version 3 format; {@code read_iolog} replays such a log (versions 2 and 3), shaped by
 * the {@code replay_*} options. fio's blktrace merging options are refused: jfio replays fio's text
 * iologs, not blktrace's binary traces. Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class ReplayKeys {
    private static final OptionList KEYS = new OptionList();
    private static final String CATEGORY = "I/O replay";

    static final CoreOption<String> WRITE_IOLOG =
            KEYS.add("write_iolog", OptionType.STRING, null, "Store IO pattern to file", CATEGORY, text());
    static final CoreOption<String> READ_IOLOG =
            KEYS.add("read_iolog", OptionType.STRING, null, "Playback IO pattern from file", CATEGORY, text());
    static final CoreOption<Boolean> READ_IOLOG_CHUNKED =
            KEYS.add("read_iolog_chunked", OptionType.BOOL, false, "Parse IO pattern in chunks", CATEGORY, bool());
    static final CoreOption<Boolean> REPLAY_NO_STALL = KEYS.add(
            "replay_no_stall",
            OptionType.BOOL,
            false,
            "Playback IO pattern file as fast as possible without stalls",
            CATEGORY,
            bool());
    static final CoreOption<String> REPLAY_REDIRECT = KEYS.add(
            "replay_redirect",
            OptionType.STRING,
            null,
            "Replay all I/O onto this device, regardless of trace device",
            CATEGORY,
            text());
    static final CoreOption<Integer> REPLAY_SCALE =
            KEYS.add("replay_scale", OptionType.INT, 1, "Scale offset down by this factor", CATEGORY, atLeast(0));
    static final CoreOption<Integer> REPLAY_ALIGN =
            KEYS.add("replay_align", OptionType.INT, 0, "Align offsets to this blocksize", CATEGORY, powerOfTwo());
    static final CoreOption<Integer> REPLAY_TIME_SCALE =
            KEYS.add("replay_time_scale", OptionType.INT, 100, "Scale time for replay events", CATEGORY, atLeast(1));
    static final CoreOption<Integer> REPLAY_SKIP = KEYS.add(
            "replay_skip",
            OptionType.STRING,
            0,
            "Skip certain IO types (read,write,trim,sync)",
            CATEGORY,
            SettingParsers.plain(ReplayKeys::skipMask));
    static final CoreOption<String> MERGE_BLKTRACE_FILE =
            blktraceOnly("merge_blktrace_file", "Merged blktrace output filename");
    static final CoreOption<String> MERGE_BLKTRACE_SCALARS =
            blktraceOnly("merge_blktrace_scalars", "Percentage to scale each trace");
    static final CoreOption<String> MERGE_BLKTRACE_ITERS =
            blktraceOnly("merge_blktrace_iters", "Number of iterations to run per trace");

    private ReplayKeys() {}

    /** replay_skip's comma-separated list as a mask: bit {@code 1 << op.ordinal()} per skipped op, FLUSH for sync. */
    static int skipMask(String text) {
        int mask = 0;
        for (String part : text.trim().split(",", -1)) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "read" -> mask |= 1 << IoOp.READ.ordinal();
                case "write" -> mask |= 1 << IoOp.WRITE.ordinal();
                case "trim" -> mask |= 1 << IoOp.TRIM.ordinal();
                case "sync" -> mask |= 1 << IoOp.FLUSH.ordinal();
                default ->
                    throw new IllegalArgumentException("replay_skip: unknown skip type '" + part.trim()
                            + "' (accepted: a comma-separated list of read, write, trim, sync)");
            }
        }
        return mask;
    }

    private static CoreOption.Parser<Integer> powerOfTwo() {
        CoreOption.Parser<Integer> base = atLeast(0);
        return (s, kb) -> {
            int v = base.parse(s, kb);
            if (v != 0 && Integer.bitCount(v) != 1) {
                throw Setting.error(s, "replay_align must be a power of 2, got " + v);
            }
            return v;
        };
    }

    /** A blktrace merging option: refused with what it is for and why jfio cannot do it. */
    private static CoreOption<String> blktraceOnly(String name, String help) {
        return KEYS.add(name, OptionType.STRING, null, help, CATEGORY, SettingParsers.plain(v -> {
            throw new IllegalArgumentException(name + " merges blktrace binary traces before a replay; jfio"
                    + " replays fio's text iologs (versions 2 and 3) only, not blktrace traces");
        }));
    }

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
