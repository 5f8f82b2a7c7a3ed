package dev.jfio.job;

import java.util.Locale;

/**
 * fio's plain values: whole numbers (size suffixes allowed), booleans and percentages.
 * Every method is static and pure; bad input throws {@link IllegalArgumentException} with a
 * one-line message that names the text.
 */
public final class NumberParsers {
    private NumberParsers() {}

    /**
     * A whole number for an integer option (iodepth, numjobs, loops): decimal or hex, with fio's
     * size suffixes allowed, within {@code 0..Integer.MAX_VALUE}.
     */
    public static int parseInt(String text, int kbBase) {
        String t = text.trim();
        long v;
        try {
            v = SizeParsers.parseSize(t, kbBase);
        } catch (IllegalArgumentException e) {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("negative value '" + t + "'");
            }
            if (e.getMessage() != null && e.getMessage().endsWith("is too large")) {
                throw new IllegalArgumentException(
                        "value '" + t + "' is too large (at most " + Integer.MAX_VALUE + ")");
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
            return SizeParsers.parseSize(t, 1024);
        } catch (IllegalArgumentException e) {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("negative value '" + t + "'");
            }
            throw new IllegalArgumentException("invalid integer '" + t + "'");
        }
    }

    /** 1/0, true/false, yes/no, on/off (any case); empty means true, as for a bare flag. */
    public static boolean parseBool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "":
            case "1":
            case "true":
            case "yes":
            case "on":
                return true;
            case "0":
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw new IllegalArgumentException(
                        "invalid boolean '" + text.trim() + "' (use 1/0, true/false, yes/no or on/off)");
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
            throw new IllegalArgumentException(
                    max == 100
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
}
