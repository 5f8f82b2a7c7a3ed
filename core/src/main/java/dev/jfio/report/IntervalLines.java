package dev.jfio.report;

import dev.jfio.job.IoOps;
import dev.jfio.stats.IntervalResult;

/**
 * jfio's {@code --interval-stats} output: one JSON object per line per interval and job (or group),
 * the figures of that interval alone. The layout is documented in docs/LIVE-OUTPUT.md; fields
 * are only ever added.
 *
 * <p>Stateless; safe from any thread.
 */
public final class IntervalLines {
    private IntervalLines() {}

    /**
     * The line (without its newline) for {@code r}.
     *
     * @param runStartNanos the run's start ({@link System#nanoTime()}): "time_ms" counts from it
     * @param runStartEpochMillis the same instant in Unix milliseconds
     */
    public static String json(IntervalResult r, long runStartNanos, long runStartEpochMillis) {
        long timeMillis = Math.max(0, (r.endNanos() - runStartNanos) / 1_000_000L);
        long spanNanos = Math.max(0, r.endNanos() - r.startNanos());
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"time_ms\":").append(timeMillis);
        sb.append(",\"unix_ms\":").append(runStartEpochMillis + timeMillis);
        sb.append(",\"span_ms\":").append(CFormat.fixed(spanNanos / 1e6, 3));
        sb.append(",\"scope\":\"").append(r.group() ? "group" : "job").append('"');
        sb.append(",\"job\":");
        JsonStrings.quote(sb, r.job());
        if (!r.group()) {
            sb.append(",\"clone\":").append(r.cloneIndex());
        }
        sb.append(",\"groupid\":").append(r.groupId());
        sb.append(",\"jobs\":").append(r.jobs());
        sb.append(",\"last\":").append(r.last());
        for (IntervalResult.Direction d : r.directions()) {
            double seconds = spanNanos / 1e9;
            sb.append(",\"").append(IoOps.jsonName(d.dir())).append("\":{");
            sb.append("\"ios\":").append(d.ios());
            sb.append(",\"bytes\":").append(d.bytes());
            sb.append(",\"iops\":").append(CFormat.fixed(seconds > 0 ? d.ios() / seconds : 0, 3));
            long bw = seconds > 0 ? (long) (d.bytes() / seconds) : 0;
            sb.append(",\"bw_bytes\":").append(bw);
            sb.append(",\"bw\":").append(bw / 1024);
            if (d.clatSamples() > 0) {
                sb.append(",\"clat_ns\":{\"samples\":").append(d.clatSamples());
                sb.append(",\"min\":").append(d.clatMin());
                sb.append(",\"p50\":").append(d.clatP50());
                sb.append(",\"p90\":").append(d.clatP90());
                sb.append(",\"p99\":").append(d.clatP99());
                sb.append(",\"p99.9\":").append(d.clatP999());
                sb.append(",\"max\":").append(d.clatMax());
                sb.append('}');
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }
}
