package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fio's value syntax: sizes, times, booleans, percentages, ranges, per-direction lists,
 * {@code bssplit}, {@code percentile_list}, {@code buffer_pattern}, and arithmetic in
 * parentheses. Every method is static and pure; bad input throws
 * {@link IllegalArgumentException} with a one-line message that names the text.
 */
public final class ValueParsers {
    /** fio's most entries in {@code percentile_list}. */
    public static final int MAX_PERCENTILES = 20;
    /** fio's most weights per direction in {@code bssplit}. */
    public static final int MAX_BSSPLIT = 64;

    private static final long NANOS_PER_US = 1_000L;

    private ValueParsers() {
    }

    // ---------------------------------------------------------------- sizes

    /**
     * A size in bytes, with fio's rules: a bare number is bytes; {@code 0x} starts a hex number;
     * the suffixes k, m, g, t, p (optionally followed by {@code i} or {@code b}, any case) multiply
     * by powers of {@code kbBase}; the three-letter forms kib, mib, gib, tib, pib use the
     * <em>other</em> base (1000 when kbBase is 1024, fio's compatibility mode, and 1024 when it is
     * 1000); a lone {@code b} means bytes. A value in parentheses is evaluated as arithmetic.
     *
     * @param kbBase 1024 (fio's default) or 1000
     */
    public static long parseSize(String text, int kbBase) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        if (Arithmetic.isExpression(t)) {
            double v = Arithmetic.evaluate(t, suffix -> sizeMultiplier(suffix, kbBase, t));
            return toNonNegativeLong(v, t);
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("negative size '" + t + "'");
        }
        if (t.endsWith("%")) {
            throw new IllegalArgumentException("a percentage ('" + t + "') is not accepted here");
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            String hex = t.substring(2);
            if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("invalid size '" + t + "'");
            }
            try {
                long v = Long.parseLong(hex, 16);
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("size '" + t + "' is too large");
            }
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid size '" + t + "'");
        }
        long number;
        try {
            number = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + t + "' is too large");
        }
        String suffix = t.substring(i).trim().toLowerCase(Locale.ROOT);
        if (suffix.isEmpty()) {
            return number;
        }
        if (suffix.startsWith(".")) {
            throw new IllegalArgumentException("invalid size '" + t
                    + "' (a fraction needs arithmetic, e.g. (1.5*1g))");
        }
        long mult = (long) sizeMultiplier(suffix, kbBase, t);
        try {
            return Math.multiplyExact(number, mult);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + t + "' is too large");
        }
    }

    private static double sizeMultiplier(String suffix, int kbBase, String text) {
        if (suffix.equals("b")) {
            return 1;
        }
        int pow = "kmgtp".indexOf(suffix.charAt(0)) + 1;
        String rest = suffix.substring(1);
        if (pow == 0 || !(rest.isEmpty() || rest.equals("b") || rest.equals("i") || rest.equals("ib"))) {
            throw new IllegalArgumentException("invalid size '" + text + "': unknown unit '" + suffix + "'");
        }
        long base = kbBase;
        if (rest.equals("ib")) {
            base = kbBase == 1000 ? 1024 : 1000;
        }
        long m = 1;
        for (int p = 0; p < pow; p++) {
            m *= base;
        }
        return m;
    }

    private static long toNonNegativeLong(double v, String text) {
        if (v < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        if (v >= 0x1p63) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (long) v;
    }

    /**
     * A whole number for an integer option (iodepth, numjobs, loops): decimal or hex, with fio's
     * size suffixes allowed, within {@code 0..Integer.MAX_VALUE}.
     */
    public static int parseInt(String text, int kbBase) {
        String t = text.trim();
        long v;
        try {
            v = parseSize(t, kbBase);
        } catch (IllegalArgumentException e) {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("negative value '" + t + "'");
            }
            if (e.getMessage() != null && e.getMessage().endsWith("is too large")) {
                throw new IllegalArgumentException("value '" + t + "' is too large (at most " + Integer.MAX_VALUE + ")");
            }
            throw new IllegalArgumentException("invalid integer '" + t + "'");
        }
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value '" + t + "' is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** A whole number that may be large (randseed): decimal or hex, no sign. */
    public static long parseLong(String text) {
        String t = text.trim();
        try {
            return parseSize(t, 1024);
        } catch (IllegalArgumentException e) {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("negative value '" + t + "'");
            }
            throw new IllegalArgumentException("invalid integer '" + t + "'");
        }
    }

    // ---------------------------------------------------------------- times

    /**
     * A duration in nanoseconds. Suffixes (any case): ns/nsec, us/usec, ms/msec, s/sec, m/min, h,
     * d. A bare number takes {@code defaultUnit} (one of those suffixes: "s" for runtime,
     * "us" for thinktime). In an expression in parentheses bare numbers are microseconds, as in
     * fio.
     */
    public static long parseTimeNanos(String text, String defaultUnit) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        long defaultMult = timeMultiplierNanos(defaultUnit.toLowerCase(Locale.ROOT), defaultUnit);
        if (Arithmetic.isExpression(t)) {
            double us = Arithmetic.evaluate(t,
                    suffix -> (double) timeMultiplierNanos(suffix, t) / NANOS_PER_US);
            double ns = us * NANOS_PER_US;
            return toNonNegativeLong(ns, t);
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("negative time '" + t + "'");
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid time '" + t + "'");
        }
        long number;
        try {
            number = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time '" + t + "' is too large");
        }
        String suffix = t.substring(i).trim().toLowerCase(Locale.ROOT);
        long mult = suffix.isEmpty() ? defaultMult : timeMultiplierNanos(suffix, t);
        try {
            return Math.multiplyExact(number, mult);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time '" + t + "' is too large");
        }
    }

    private static long timeMultiplierNanos(String suffix, String text) {
        switch (suffix) {
            case "ns": case "nsec": return 1L;
            case "us": case "usec": return 1_000L;
            case "ms": case "msec": return 1_000_000L;
            case "s": case "sec": return 1_000_000_000L;
            case "m": case "min": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            case "d": return 86_400_000_000_000L;
            default:
                throw new IllegalArgumentException("invalid time '" + text + "': unknown unit '" + suffix
                        + "' (use us, ms, s, m, h or d)");
        }
    }

    // ---------------------------------------------------------------- booleans, percentages

    /** 1/0, true/false, yes/no, on/off (any case); empty means true, as for a bare flag. */
    public static boolean parseBool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "": case "1": case "true": case "yes": case "on": return true;
            case "0": case "false": case "no": case "off": return false;
            default:
                throw new IllegalArgumentException("invalid boolean '" + text.trim()
                        + "' (use 1/0, true/false, yes/no or on/off)");
        }
    }

    /** Whether {@code text} is a percentage such as {@code 50%}. */
    public static boolean isPercent(String text) {
        return text.trim().endsWith("%");
    }

    /** A percentage such as {@code 50%} or {@code 12.5%}: a number in (0, 100]. */
    public static double parsePercent(String text) {
        return parsePercent(text, 100);
    }

    /** A percentage in (0, max]: io_size=200% asks for twice the size. */
    public static double parsePercent(String text, double max) {
        String t = text.trim();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("invalid percentage '" + t + "'");
        }
        double v;
        try {
            v = Double.parseDouble(t.substring(0, t.length() - 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid percentage '" + t + "'");
        }
        if (!(v > 0 && v <= max)) {
            throw new IllegalArgumentException(max == 100
                    ? "percentage '" + t + "' must be between 0 (exclusive) and 100"
                    : "percentage '" + t + "' must be above 0");
        }
        return v;
    }

    /** A whole percentage 0..100 (rwmixread, percentage_random). */
    public static int parsePercentInt(String text, String what) {
        String t = text.trim();
        int v;
        try {
            v = Integer.parseInt(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " value '" + t + "'");
        }
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException(what + " must be between 0 and 100, got " + v);
        }
        return v;
    }

    // ---------------------------------------------------------------- ranges and lists

    /**
     * A range {@code min-max} or {@code min:max} of sizes, or a single size (min == max).
     *
     * @return {min, max}
     * @throws IllegalArgumentException when min is larger than max
     */
    public static long[] parseRange(String text, int kbBase) {
        String t = text.trim();
        int sep = t.indexOf(':');
        if (sep < 0) {
            sep = t.indexOf('-', 1);
        }
        if (sep < 0) {
            long v = parseSize(t, kbBase);
            return new long[] {v, v};
        }
        long min = parseSize(t.substring(0, sep), kbBase);
        long max = parseSize(t.substring(sep + 1), kbBase);
        if (min > max) {
            throw new IllegalArgumentException("range '" + t + "' has its minimum above its maximum");
        }
        return new long[] {min, max};
    }

    /**
     * fio's per-direction split of {@code bs}, {@code rate} and friends: up to three
     * comma-separated values for reads, writes and trims. An empty value means the default; a
     * value not followed by a comma applies to the directions after it too
     * ({@code 8k,32k} = 8k reads, 32k writes and trims; {@code 8k,32k,} = default trims).
     *
     * @return three entries indexed by {@link IoOp#ordinal()}, null where the default applies
     */
    public static String[] splitPerDirection(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + text.trim() + "' has more than three values (read,write,trim)");
        }
        String[] out = new String[3];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            out[i] = p.isEmpty() ? null : p;
        }
        String last = out[parts.length - 1];
        for (int i = parts.length; i < 3; i++) {
            out[i] = last;
        }
        return out;
    }

    /**
     * One direction's {@code bssplit}: {@code size/percent:size/percent...}. Entries with an
     * empty percentage share what the others leave, evenly (the first ones get any remainder);
     * the percentages must add up to 100.
     */
    public static List<BsSplitEntry> parseBsSplit(String text, int kbBase) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty bssplit");
        }
        String[] items = t.split(":", -1);
        if (items.length > MAX_BSSPLIT) {
            throw new IllegalArgumentException("bssplit '" + t + "' has more than " + MAX_BSSPLIT + " entries");
        }
        int[] sizes = new int[items.length];
        int[] percents = new int[items.length];
        int given = 0;
        int blanks = 0;
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            int slash = item.indexOf('/');
            String sizeText = slash < 0 ? item : item.substring(0, slash);
            String percentText = slash < 0 ? "" : item.substring(slash + 1).trim();
            long size = parseSize(sizeText, kbBase);
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bssplit block size '" + sizeText.trim() + "' is out of range");
            }
            sizes[i] = (int) size;
            if (percentText.isEmpty()) {
                percents[i] = -1;
                blanks++;
            } else {
                percents[i] = parsePercentInt(percentText, "bssplit percentage");
                given += percents[i];
            }
        }
        if (given > 100) {
            throw new IllegalArgumentException("bssplit '" + t + "' percentages add up to " + given + ", more than 100");
        }
        if (blanks > 0) {
            int rest = 100 - given;
            int share = rest / blanks;
            int extra = rest % blanks;
            for (int i = 0; i < percents.length; i++) {
                if (percents[i] < 0) {
                    percents[i] = share + (extra-- > 0 ? 1 : 0);
                }
            }
        } else if (given != 100) {
            throw new IllegalArgumentException("bssplit '" + t + "' percentages add up to " + given + ", not 100");
        }
        List<BsSplitEntry> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            out.add(new BsSplitEntry(sizes[i], percents[i]));
        }
        return List.copyOf(out);
    }

    /** {@code 99:99.9:99.99}: at most {@value #MAX_PERCENTILES} numbers, each in (0, 100]. */
    public static double[] parsePercentileList(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty percentile_list");
        }
        String[] items = t.split(":", -1);
        if (items.length > MAX_PERCENTILES) {
            throw new IllegalArgumentException("percentile_list has " + items.length + " entries, at most "
                    + MAX_PERCENTILES + " are allowed");
        }
        double[] out = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            double v;
            try {
                v = Double.parseDouble(item);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid percentile '" + item + "' in percentile_list");
            }
            if (!(v > 0 && v <= 100)) {
                throw new IllegalArgumentException("percentile " + item + " is out of range (0,100]");
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * fio's {@code buffer_pattern}: any concatenation of {@code 0x} hex bytes, decimal numbers
     * (little-endian in as few bytes as hold them; negative numbers as 4 or 8 bytes of two's
     * complement) and {@code "quoted strings"}. File contents ({@code 'file'}) are not supported yet.
     */
    public static byte[] parseBufferPattern(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty buffer_pattern");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == '|') {
                i++;
            } else if (c == '"') {
                int end = t.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has an unterminated string");
                }
                byte[] b = t.substring(i + 1, end).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end + 1;
            } else if (c == '\'') {
                throw new IllegalArgumentException("buffer_pattern from a file ('...') is not supported yet");
            } else if (t.startsWith("0x", i) || t.startsWith("0X", i)) {
                int start = i + 2;
                int end = start;
                while (end < t.length() && Character.digit(t.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == start) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has '0x' without hex digits");
                }
                String hex = t.substring(start, end);
                if (hex.length() % 2 == 1) {
                    hex = "0" + hex;
                }
                for (int k = 0; k < hex.length(); k += 2) {
                    out.write(Integer.parseInt(hex.substring(k, k + 2), 16));
                }
                i = end;
            } else if (Character.isDigit(c) || c == '-') {
                int end = i + 1;
                while (end < t.length() && Character.isDigit(t.charAt(end))) {
                    end++;
                }
                long v;
                try {
                    v = Long.parseLong(t.substring(i, end));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("buffer_pattern '" + t + "' has a bad number '"
                            + t.substring(i, end) + "'");
                }
                int bytes;
                if (v < 0) {
                    bytes = v >= Integer.MIN_VALUE ? 4 : 8;
                } else {
                    bytes = 1;
                    while (bytes < 8 && (v >>> (8 * bytes)) != 0) {
                        bytes++;
                    }
                }
                for (int k = 0; k < bytes; k++) {
                    out.write((int) (v >>> (8 * k)) & 0xff);
                }
                i = end;
            } else {
                throw new IllegalArgumentException("buffer_pattern '" + t + "' has an unexpected '" + c + "'");
            }
        }
        if (out.size() == 0) {
            throw new IllegalArgumentException("empty buffer_pattern");
        }
        return out.toByteArray();
    }
}
