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
    final long[] latNs = new long[Buckets.LAT_NS_BUCKETS];
    final long[] latUs = new long[Buckets.LAT_US_BUCKETS];
    final long[] latMs = new long[Buckets.LAT_MS_BUCKETS];
    /** read, write, trim, sync: fio's "issued rwts". */
    final long[] issued = new long[4];

    void reset() {
        java.util.Arrays.fill(depth, 0);
        java.util.Arrays.fill(submit, 0);
        java.util.Arrays.fill(complete, 0);
        submitCalls = 0;
        completeCalls = 0;
        java.util.Arrays.fill(latNs, 0);
        java.util.Arrays.fill(latUs, 0);
        java.util.Arrays.fill(latMs, 0);
        java.util.Arrays.fill(issued, 0);
    }

    /** Counts one completion latency into fio's ns/us/ms ranges. Allocation-free. */
    void markLatency(long nanos) {
        if (nanos < 1000) {
            latNs[Buckets.decadeIndex(nanos < 0 ? 0 : nanos)]++;
        } else if (nanos < 1_000_000) {
            latUs[Buckets.decadeIndex(nanos / 1000)]++;
        } else {
            latMs[Buckets.msIndex(nanos / 1_000_000)]++;
        }
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
        addInto(latNs, o.latNs);
        addInto(latUs, o.latUs);
        addInto(latMs, o.latMs);
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
