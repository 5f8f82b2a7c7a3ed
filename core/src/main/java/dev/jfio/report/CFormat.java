package dev.jfio.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The few C printf conversions fio's reports use, reproduced exactly and independent of the
 * default locale: '.' decimals always, and rounding of the exact binary value with ties to even
 * (glibc's behaviour; {@code String.format} would round half up and use the locale's separator).
 *
 * <p>Stateless; safe from any thread.
 */
final class CFormat {

    private CFormat() {}

    /** C's {@code %.Nf}. */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** C's {@code %W.Nf}: right-justified in at least {@code width} characters. */
    static String fixed(double value, int width, int decimals) {
        return pad(fixed(value, decimals), width);
    }

    /** C's {@code %f}, as fio's JSON and terse output print doubles. */
    static String f6(double value) {
        return fixed(value, 6);
    }

    /** C's {@code %Nd} / {@code %Nllu}: right-justified in at least {@code width} characters. */
    static String pad(long value, int width) {
        return pad(Long.toString(value), width);
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s).toString();
    }
}
