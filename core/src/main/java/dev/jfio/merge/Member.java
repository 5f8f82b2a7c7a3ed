package dev.jfio.merge;

import java.util.Map;

/**
 * One job entry of one rank, as it goes into an aggregate. Immutable (the maps are not changed).
 *
 * @param rank the rank's file
 * @param job the job's parsed object
 */
record Member(RankFile rank, Map<String, Object> job) {
    /** The job's "jfio" object, or null. */
    Map<String, Object> jfio() {
        return Tree.map(job, "jfio");
    }

    /** The encoded histogram of a direction and kind, or null. */
    String encoded(String dir, String kind) {
        return Tree.str(Tree.map(Tree.map(jfio(), "hdr_histograms"), dir), kind);
    }

    /** I/Os issued in all directions: the weight of its distributions (iodepth, latency buckets). */
    long ios() {
        long n = 0;
        for (String d : new String[] {"read", "write", "trim"}) {
            n += Tree.lng(Tree.map(job, d), "total_ios");
        }
        return n;
    }
}
