package dev.jfio.job;

import java.util.Locale;

/**
 * fio's size syntax: a size with units or arithmetic in parentheses, and a range of sizes.
 * Every method is static and pure; bad input throws {@link IllegalArgumentException} with a
 * one-line message that names the text.
 */
public final class SizeParsers {
    private SizeParsers() {}

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
            throw new IllegalArgumentException("invalid size '" + t + "' (a fraction needs arithmetic, e.g. (1.5*1g))");
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

    /** An expression's value, truncated to a whole number; negative or 2^63 and above is an error. */
    static long toNonNegativeLong(double v, String text) {
        if (v < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        if (v >= 0x1p63) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (long) v;
    }

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
}
