package dev.jfio.job;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsers core options are declared with ({@link CoreOption.Parser}): fio's value syntax
 * ({@link SizeParsers}, {@link TimeParsers}, {@link NumberParsers}, {@link ListParsers},
 * {@link BufferPatternParser}) plus the wording of each error, which names the option and its
 * value and carries the setting's file:line.
 */
final class SettingParsers {
    private SettingParsers() {}

    /** The text as written; a value is required. */
    static CoreOption.Parser<String> text() {
        return (s, kb) -> s.require();
    }

    /** The text with surrounding blanks removed; a value is required. */
    static CoreOption.Parser<String> trimmed() {
        return (s, kb) -> s.require().trim();
    }

    /** The text as written, possibly empty. */
    static CoreOption.Parser<String> anyText() {
        return (s, kb) -> s.value();
    }

    static CoreOption.Parser<Boolean> bool() {
        return (s, kb) -> Setting.bool(s, false);
    }

    /** An integer (fio's arithmetic and suffixes allowed) of at least {@code min}. */
    static CoreOption.Parser<Integer> atLeast(int min) {
        return (s, kb) -> {
            int v = wrapped(s, t -> NumberParsers.parseInt(t, kb));
            if (v < min) {
                throw Setting.error(s, s.name() + " must be at least " + min + ", got " + v);
            }
            return v;
        };
    }

    /** An integer (fio's arithmetic and suffixes allowed) in [{@code min}, {@code max}]. */
    static CoreOption.Parser<Integer> between(int min, int max) {
        return (s, kb) -> {
            int v = wrapped(
                    s,
                    t -> t.trim().startsWith("-")
                            ? -NumberParsers.parseInt(t.trim().substring(1), kb)
                            : NumberParsers.parseInt(t, kb));
            if (v < min || v > max) {
                throw Setting.error(s, s.name() + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        };
    }

    /** A time in nanoseconds; {@code unit} when the text gives none. */
    static CoreOption.Parser<Long> time(String unit) {
        return (s, kb) -> wrapped(s, t -> TimeParsers.parseTimeNanos(t, unit));
    }

    /** A 64-bit integer without suffixes. */
    static CoreOption.Parser<Long> longValue() {
        return (s, kb) -> wrapped(s, NumberParsers::parseLong);
    }

    /** A 0..100 percentage written as an integer. */
    static CoreOption.Parser<Integer> percentInt() {
        return (s, kb) -> wrapped(s, t -> NumberParsers.parsePercentInt(t, s.name()));
    }

    /** A size in bytes that must fit an int ({@code verify_interval}, {@code verify_offset}). */
    static CoreOption.Parser<Integer> intSize() {
        return (s, kb) -> {
            long v = wrapped(s, t -> SizeParsers.parseSize(t, kb));
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw Setting.error(s, s.name() + " must be 0.." + Integer.MAX_VALUE + ", got " + v);
            }
            return (int) v;
        };
    }

    /** A size in bytes (fio's suffixes and arithmetic allowed). */
    static CoreOption.Parser<Long> size() {
        return (s, kb) -> wrapped(s, t -> SizeParsers.parseSize(t, kb));
    }

    /** Bytes, or {@code N%} (at most {@code maxPercent}). */
    static CoreOption.Parser<SizeOrPercent> sizeOrPercent(double maxPercent) {
        return (s, kb) -> {
            if (NumberParsers.isPercent(s.value())) {
                try {
                    return new SizeOrPercent(
                            -1,
                            maxPercent == 100
                                    ? NumberParsers.parsePercent(s.value())
                                    : NumberParsers.parsePercent(s.value(), maxPercent));
                } catch (IllegalArgumentException e) {
                    throw Setting.error(s, e.getMessage());
                }
            }
            return new SizeOrPercent(wrapped(s, t -> SizeParsers.parseSize(t, kb)), 0);
        };
    }

    /** A value whose parser's messages already say everything: they get the file:line alone. */
    static <T> CoreOption.Parser<T> plain(Function<String, T> parser) {
        return (s, kb) -> {
            String text = s.require();
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new JobSpecException(s.where(), e.getMessage());
            }
        };
    }

    /** A value whose parser's messages get the option and its value in front. */
    static <T> CoreOption.Parser<T> named(Function<String, T> parser) {
        return (s, kb) -> wrapped(s, parser);
    }

    /** Per direction (read,write,trim) sizes; 0 where a direction gives none. */
    static CoreOption.Parser<long[]> perDirectionSizes() {
        return (s, kb) -> {
            String[] parts = perDirection(s);
            long[] out = new long[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    String part = parts[i];
                    out[i] = wrapped(s, t -> SizeParsers.parseSize(part, kb));
                }
            }
            return out;
        };
    }

    /** Per direction 0..100 percentages; 100 where a direction gives none. */
    static CoreOption.Parser<int[]> perDirectionPercent() {
        return (s, kb) -> {
            String[] parts = perDirection(s);
            int[] out = {100, 100, 100};
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    String part = parts[i];
                    out[i] = wrapped(s, t -> NumberParsers.parsePercentInt(part, s.name()));
                }
            }
            return out;
        };
    }

    /** {@code bs}: one size per direction; null where a direction gives none. */
    static CoreOption.Parser<BlockSizeSpec[]> blockSizes() {
        return (s, kb) -> {
            String[] parts = perDirection(s);
            BlockSizeSpec[] out = new BlockSizeSpec[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    String part = parts[i];
                    out[i] = BlockSizeSpec.fixed(blockSize(s, wrapped(s, t -> SizeParsers.parseSize(part, kb))));
                }
            }
            return out;
        };
    }

    /** {@code bsrange}: a min-max range per direction; null where a direction gives none. */
    static CoreOption.Parser<BlockSizeSpec[]> blockSizeRanges() {
        return (s, kb) -> {
            String[] parts = perDirection(s);
            BlockSizeSpec[] out = new BlockSizeSpec[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    String part = parts[i];
                    long[] r = fioLenientRange(part, kb);
                    if (r == null) {
                        r = wrapped(s, t -> SizeParsers.parseRange(part, kb));
                    }
                    out[i] = new BlockSizeSpec(blockSize(s, r[0]), blockSize(s, r[1]), List.of());
                }
            }
            return out;
        };
    }

    /**
     * fio's reading of a range whose ends carry text after the size, such as fio's own test job
     * t0023's {@code bsrange=512/25:1k:25:2k:25:4k/25} (bssplit syntax in a bsrange): fio's
     * {@code str_to_decimal} takes each end's leading size and ignores the rest, so that is
     * 512-1k. Null when the text is not of that shape (the strict parser then explains the mistake).
     */
    private static long[] fioLenientRange(String part, int kb) {
        Matcher m = LENIENT_RANGE.matcher(part.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            long min = SizeParsers.parseSize(m.group(1), kb);
            long max = SizeParsers.parseSize(m.group(2), kb);
            return min <= max ? new long[] {min, max} : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern LENIENT_RANGE =
            Pattern.compile("(\\d+[kKmMgG]?)/[^:-]*[:-](\\d+[kKmMgG]?)(?:[:/].*)?");

    /** {@code bssplit}: weighted sizes per direction; null where a direction gives none. */
    static CoreOption.Parser<BlockSizeSpec[]> blockSizeSplits() {
        return (s, kb) -> {
            String[] parts = perDirection(s);
            BlockSizeSpec[] out = new BlockSizeSpec[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    String part = parts[i];
                    List<BsSplitEntry> split = wrapped(s, t -> ListParsers.parseBsSplit(part, kb));
                    int min = Integer.MAX_VALUE;
                    int max = 0;
                    for (BsSplitEntry e : split) {
                        if (e.percent() > 0) {
                            min = Math.min(min, e.size());
                            max = Math.max(max, e.size());
                        }
                    }
                    if (max == 0) {
                        throw Setting.error(s, "bssplit '" + part + "' gives no block size a share");
                    }
                    out[i] = new BlockSizeSpec(min, max, split);
                }
            }
            return out;
        };
    }

    private static int blockSize(Setting s, long v) {
        if (v < 1) {
            throw Setting.error(s, "block size must be at least 1 byte");
        }
        if (v > Integer.MAX_VALUE) {
            throw Setting.error(s, "block size " + v + " is too large");
        }
        return (int) v;
    }

    private static String[] perDirection(Setting s) {
        return wrapped(s, ListParsers::splitPerDirection);
    }

    private static <T> T wrapped(Setting s, Function<String, T> parser) {
        String text = s.require();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }
}
