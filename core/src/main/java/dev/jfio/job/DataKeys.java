package dev.jfio.job;

import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.intSize;
import static dev.jfio.job.SettingParsers.longValue;
import static dev.jfio.job.SettingParsers.named;
import static dev.jfio.job.SettingParsers.plain;

import dev.jfio.verify.VerifyMode;
import java.util.List;

/**
 * fio's options about the data: what I/O buffers hold and how written data is verified.
 * Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe from any
 * thread.
 */
final class DataKeys {
    private static final OptionList KEYS = new OptionList();

    // Buffers
    static final CoreOption<Boolean> ZERO_BUFFERS =
            KEYS.add("zero_buffers", OptionType.BOOL, false, "Init IO buffers to all zeroes", "I/O buffers", bool());
    static final CoreOption<Boolean> REFILL_BUFFERS = KEYS.add(
            "refill_buffers", OptionType.BOOL, false, "Refill IO buffers on every IO submit", "I/O buffers", bool());
    static final CoreOption<byte[]> BUFFER_PATTERN = KEYS.add(
            "buffer_pattern",
            OptionType.PATTERN,
            null,
            "Pattern to fill IO buffers with",
            "I/O buffers",
            named(BufferPatternParser::parseBufferPattern));
    // Verification
    static final CoreOption<VerifyMode> VERIFY = KEYS.choice(
            "verify",
            null,
            "0",
            "Verify data written",
            "Verify",
            List.of("0", "crc32c", "crc32c-intel", "md5", "sha256", "xxhash", "meta", "pattern", "null"),
            plain(VerifyMode::parse));
    static final CoreOption<byte[]> VERIFY_PATTERN = KEYS.add(
            "verify_pattern",
            OptionType.PATTERN,
            null,
            "Fill pattern for IO buffers",
            "Verify",
            DataKeys::verifyPattern);
    static final CoreOption<Boolean> DO_VERIFY =
            KEYS.add("do_verify", OptionType.BOOL, true, "Run verification stage after write", "Verify", bool());
    static final CoreOption<Boolean> VERIFY_FATAL = KEYS.add(
            "verify_fatal",
            OptionType.BOOL,
            false,
            "Exit on a single verify failure, don't continue",
            "Verify",
            bool());
    static final CoreOption<Long> VERIFY_BACKLOG = KEYS.declare(
            "verify_backlog",
            List.of(),
            OptionType.INT,
            0L,
            null,
            "Verify after this number of blocks are written",
            "Verify",
            List.of(),
            longValue());
    static final CoreOption<Integer> VERIFY_INTERVAL = KEYS.declare(
            "verify_interval",
            List.of(),
            OptionType.SIZE,
            0,
            null,
            "Store verify buffer header every N bytes (default: the block size)",
            "Verify",
            List.of(),
            intSize());
    static final CoreOption<Integer> VERIFY_OFFSET = KEYS.declare(
            "verify_offset",
            List.of(),
            OptionType.SIZE,
            0,
            null,
            "Offset verify header location by N bytes",
            "Verify",
            List.of(),
            intSize());
    static final CoreOption<Boolean> VERIFY_ONLY = KEYS.add(
            "verify_only", OptionType.BOOL, false, "Verifies previously written data is still valid", "Verify", bool());

    private DataKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static byte[] verifyPattern(Setting s, int kb) {
        String text = s.require();
        try {
            return BufferPatternParser.parseBufferPattern(text);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage().replace("buffer_pattern", "verify_pattern"));
        }
    }
}
