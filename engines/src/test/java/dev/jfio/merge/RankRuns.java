package dev.jfio.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rank result files for the merge tests, from real in-process jfio runs with the null engine
 * (two jobs in one group, randrw, 100 ms series intervals). The rank flags of issue 17 (--rank,
 * --ranks) belong to another branch, so the test adds the top-level "jfio" object a rank writes
 * (rank, ranks, hostname, start_wall_ns, job_digest) to each real report itself.
 */
final class RankRuns {
    static final String DIGEST = "sha256:0123456789abcdef";

    private RankRuns() {}

    /** Runs one rank's jobs and writes its result to {@code dir/r<rank>.json}. */
    static Path run(Path dir, int rank, int ranks, String format) throws IOException {
        Path raw = dir.resolve("raw" + rank + ".json");
        JfioRun r = JfioRun.run(
                "--output-format=" + format,
                "--output=" + raw,
                "--ioengine=null",
                "--rw=randrw",
                "--size=16m",
                "--time_based",
                "--runtime=350ms",
                "--hdr_log_msec=100",
                "--name=job-a",
                "--bs=4k",
                "--name=job-b",
                "--bs=8k");
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(raw);
        long timestampMs = MiniJson.integer(MiniJson.parse(text), "timestamp_ms");
        // as a rank's start: the run's timestamp plus odd nanoseconds (a fixture, not a measured start)
        return withRankObject(
                dir.resolve("r" + rank + ".json"), text, rank, ranks, DIGEST, startWallNanos(timestampMs, rank));
    }

    /** The start_wall_ns the fixture gives a rank. */
    static long startWallNanos(long timestampMs, int rank) {
        return timestampMs * 1_000_000L + 123_457L * rank + 1;
    }

    /** {@code text} with the top-level "jfio" object a rank writes, saved to {@code to}. */
    static Path withRankObject(Path to, String text, int rank, int ranks, String digest, long startWallNs)
            throws IOException {
        int end = text.lastIndexOf('}');
        String jfio = ",\n  \"jfio\" : {\"rank\" : " + rank + ", \"ranks\" : " + ranks
                + ", \"launcher\" : \"cli\", \"hostname\" : \"host-" + rank + "\", \"start_wall_ns\" : " + startWallNs
                + ", \"job_digest\" : \"" + digest + "\"}\n";
        return Files.writeString(to, text.substring(0, end).stripTrailing() + jfio + "}\n");
    }

    /** The result of {@code jfio merge ARGS}: exit status, stdout, stderr. */
    record Merge(int exit, String out, String err) {
        List<String> errLines() {
            List<String> out = new ArrayList<>();
            for (String l : err.strip().split("\n")) {
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    /** Runs {@code jfio merge ARGS} in-process, through jfio's command line. */
    static Merge merge(Object... args) {
        List<String> list = new ArrayList<>();
        list.add("merge");
        for (Object a : args) {
            list.add(a.toString());
        }
        JfioRun r = JfioRun.run(list.toArray(new String[0]));
        return new Merge(r.exit(), r.out(), r.err());
    }
}
