package dev.jfio.stats;

/**
 * The latencies of one direction's I/Os that carried one I/O priority (fio's clat_prio_stat).
 *
 * @param ioprio {@code class << 13 | level}, as Linux's ioprio
 */
public record PriorityLatency(int ioprio, LatencyResult clat, LatencyResult lat) {
    /** fio's "prioclass". */
    public int prioClass() {
        return ioprio >> 13;
    }

    /** fio's "prio" (the level). */
    public int level() {
        return ioprio & 7;
    }
}
