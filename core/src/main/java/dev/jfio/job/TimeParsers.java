package dev.jfio.job;

import java.util.Locale;

/**
 * fio's time syntax: a duration with units, or arithmetic in parentheses.
 * Every method is static and pure; bad input throws {@link IllegalArgumentException} with a
 * one-line message that names the text.
 */
public final class TimeParsers {
    private static final long NANOS_PER_US = 1_000L;

    private TimeParsers() {}

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
            double us = Arithmetic.evaluate(t, suffix -> (double) timeMultiplierNanos(suffix, t) / NANOS_PER_US);
            double ns = us * NANOS_PER_US;
            return SizeParsers.toNonNegativeLong(ns, t);
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
            case "ns":
            case "nsec":
                return 1L;
            case "us":
            case "usec":
                return 1_000L;
            case "ms":
            case "msec":
                return 1_000_000L;
            case "s":
            case "sec":
                return 1_000_000_000L;
            case "m":
            case "min":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            case "d":
                return 86_400_000_000_000L;
            default:
                throw new IllegalArgumentException(
                        "invalid time '" + text + "': unknown unit '" + suffix + "' (use us, ms, s, m, h or d)");
        }
    }
}
