package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.text;

import java.util.List;
import java.util.Locale;

/**
 * fio's further options about verification and errors: how the verify phase finds the written
 * blocks ({@code experimental_verify}), what a failure leaves behind ({@code verify_dump},
 * {@code error_dump}), how verify_backlog batches its reads, fio's deprecated no-ops
 * ({@code verifysort}, {@code verifysort_nr}), and which jobs {@code exitall} ends
 * ({@code exit_what}). Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class VerifyKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<Boolean> VERIFY_DUMP = KEYS.add(
            "verify_dump", OptionType.BOOL, false, "Dump contents of good and bad blocks on failure", "Verify", bool());
    static final CoreOption<Integer> VERIFY_BACKLOG_BATCH = KEYS.add(
            "verify_backlog_batch",
            OptionType.INT,
            0,
            "Verify this number of IO blocks (default: verify_backlog)",
            "Verify",
            atLeast(0));
    static final CoreOption<Boolean> EXPERIMENTAL_VERIFY = KEYS.add(
            "experimental_verify",
            OptionType.BOOL,
            false,
            "Enable experimental verification (replay the write offsets instead of logging them)",
            "Verify",
            bool());
    static final CoreOption<String> VERIFYSORT = KEYS.add(
            "verifysort", OptionType.STRING, null, "Verify sort (deprecated in fio 3.33: no effect)", "Verify", text());
    static final CoreOption<String> VERIFYSORT_NR = KEYS.add(
            "verifysort_nr",
            OptionType.STRING,
            null,
            "Verify sort nr (deprecated in fio 3.33: no effect)",
            "Verify",
            text());
    static final CoreOption<Boolean> VERIFY_STATE_SAVE = KEYS.add(
            "verify_state_save",
            OptionType.BOOL,
            false,
            "Save verify state on termination (jfio: only when set)",
            "Verify",
            bool());
    static final CoreOption<Boolean> VERIFY_STATE_LOAD =
            KEYS.add("verify_state_load", OptionType.BOOL, false, "Load verify termination state", "Verify", bool());
    static final CoreOption<Integer> TRIM_PERCENTAGE = KEYS.add(
            "trim_percentage",
            OptionType.INT,
            0,
            "Number of verify blocks to trim (i.e., discard)",
            "Verify",
            SettingParsers.between(0, 100));
    static final CoreOption<Boolean> TRIM_VERIFY_ZERO = KEYS.add(
            "trim_verify_zero",
            OptionType.BOOL,
            true,
            "Verify that trimmed (i.e., discarded) blocks are returned as zeroes",
            "Verify",
            bool());
    static final CoreOption<Long> TRIM_BACKLOG = KEYS.add(
            "trim_backlog",
            OptionType.INT,
            0L,
            "Trim after this number of blocks are written",
            "Verify",
            SettingParsers.longValue());
    static final CoreOption<Integer> TRIM_BACKLOG_BATCH = KEYS.add(
            "trim_backlog_batch",
            OptionType.INT,
            0,
            "Trim this number of IO blocks (default: trim_backlog)",
            "Verify",
            atLeast(0));
    static final CoreOption<Boolean> ERROR_DUMP =
            KEYS.add("error_dump", OptionType.BOOL, false, "Dump info on each error", "Job", bool());
    static final CoreOption<ExitWhat> EXIT_WHAT = KEYS.choice(
            "exit_what",
            ExitWhat.GROUP,
            "group",
            "Fine-tune exitall: which jobs to terminate",
            "Job",
            List.of("group", "stonewall", "all"),
            plain(VerifyKeys::exitWhat));

    private VerifyKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static ExitWhat exitWhat(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "group":
                return ExitWhat.GROUP;
            case "stonewall":
                return ExitWhat.STONEWALL;
            case "all":
                return ExitWhat.ALL;
            default:
                throw new IllegalArgumentException(
                        "invalid exit_what '" + text.trim() + "' (accepted: group, stonewall, all)");
        }
    }
}
