package dev.jfio.stats;

/**
 * The counters behind a job's distributions (I/O depths, submit/complete batches, completion
 * latency ranges) and its issued I/Os. JobResult holds these as percentages; merging needs the
 * counts. Not thread-safe: the job thread writes, others read after it ended; a
 * {@link JobResult} holds a copy nobody writes.
 */
public final class RawCounts {
    final long[] depth = new long[Buckets.DEPTH_BUCKETS];
    final long[] submit = new long[Buckets.DEPTH_BUCKETS];
    final long[] complete = new long[Buckets.DEPTH_BUCKETS];
    long submitCalls;
    long completeCalls;
    /** fio's ns, us and ms latency ranges in a row ({@link LatencyRanges}). */
    final long[] lat = new long[LatencyRanges.BUCKETS];
    /** read, write, trim, sync: fio's "issued rwts". */
    final long[] issued = new long[4];

    void reset() {
        java.util.Arrays.fill(depth, 0);
        java.util.Arrays.fill(submit, 0);
        java.util.Arrays.fill(complete, 0);
        submitCalls = 0;
        completeCalls = 0;
        java.util.Arrays.fill(lat, 0);
        java.util.Arrays.fill(issued, 0);
    }

    /** Counts one completion latency into fio's ns/us/ms ranges. Allocation-free. */
    void markLatency(long nanos) {
        lat[LatencyRanges.index(nanos)]++;
    }

    /** The nanosecond ranges' counts (labels 2 .. 1000), a copy. */
    long[] latNs() {
        return java.util.Arrays.copyOfRange(lat, 0, Buckets.LAT_NS_BUCKETS);
    }

    /** The microsecond ranges' counts (labels 2 .. 1000), a copy. */
    long[] latUs() {
        return java.util.Arrays.copyOfRange(
                lat, Buckets.LAT_NS_BUCKETS, Buckets.LAT_NS_BUCKETS + Buckets.LAT_US_BUCKETS);
    }

    /** The millisecond ranges' counts (labels 2 .. 1000, 2000, >=2000), a copy. */
    long[] latMs() {
        return java.util.Arrays.copyOfRange(lat, Buckets.LAT_NS_BUCKETS + Buckets.LAT_US_BUCKETS, lat.length);
    }

    /** Read + write + trim issued: the denominator of fio's depth and latency percentages. */
    long issuedRwt() {
        return issued[0] + issued[1] + issued[2];
    }

    void add(RawCounts o) {
        addInto(depth, o.depth);
        addInto(submit, o.submit);
        addInto(complete, o.complete);
        submitCalls += o.submitCalls;
        completeCalls += o.completeCalls;
        addInto(lat, o.lat);
        addInto(issued, o.issued);
    }

    RawCounts copy() {
        RawCounts c = new RawCounts();
        c.add(this);
        return c;
    }

    private static void addInto(long[] dst, long[] src) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] += src[i];
        }
    }
}
