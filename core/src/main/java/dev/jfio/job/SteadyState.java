package dev.jfio.job;

import java.util.Locale;

/**
 * fio's steady-state detection ({@code steadystate}, {@code steadystate_duration},
 * {@code steadystate_ramp_time}): once a second the job's IOPS and bandwidth are sampled; when the
 * last {@code durationSeconds} samples meet the criterion, the job ends. Immutable.
 *
 * @param iops             the criterion judges IOPS (else bandwidth in bytes/s)
 * @param slope            the criterion is the least-squares slope (else the maximum deviation from the mean)
 * @param percent          the limit is a percentage of the mean
 * @param limit            the criterion must fall below this
 * @param durationSeconds  how many 1 s samples are judged together
 * @param rampNanos        how long after the job starts the sampling waits (plus 1 s, as fio)
 */
public record SteadyState(
        boolean iops, boolean slope, boolean percent, double limit, int durationSeconds, long rampNanos) {

    /** The criterion as fio's JSON "ss" prints it: {@code iops_slope:0.100000%}. */
    public String criterionText() {
        return (iops ? "iops" : "bw") + (slope ? "_slope" : "") + ":" + String.format(Locale.ROOT, "%f", (float) limit)
                + (percent ? "%" : "");
    }

    /** fio's str_steadystate_cb: {@code iops|iops_slope|bw|bw_slope:LIMIT[%]}; a bandwidth limit may have a size suffix. */
    static SteadyState parse(String text, int kbBase, int durationSeconds, long rampNanos) {
        String t = text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "steadystate needs a threshold after the criterion, e.g. iops_slope:0.01% (fio's default)");
        }
        String kind = t.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        boolean iops;
        boolean slope;
        switch (kind) {
            case "iops" -> {
                iops = true;
                slope = false;
            }
            case "iops_slope" -> {
                iops = true;
                slope = true;
            }
            case "bw" -> {
                iops = false;
                slope = false;
            }
            case "bw_slope" -> {
                iops = false;
                slope = true;
            }
            default ->
                throw new IllegalArgumentException(
                        "invalid steadystate criterion '" + kind + "' (accepted: iops, iops_slope, bw, bw_slope)");
        }
        String v = t.substring(colon + 1).trim();
        boolean percent = v.endsWith("%");
        double limit;
        try {
            if (percent) {
                limit = Double.parseDouble(v.substring(0, v.length() - 1).trim());
            } else if (iops) {
                limit = Double.parseDouble(v);
            } else {
                limit = SizeParsers.parseSize(v, kbBase);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid steadystate threshold '" + v + "'");
        }
        return new SteadyState(iops, slope, percent, limit, durationSeconds, rampNanos);
    }
}
