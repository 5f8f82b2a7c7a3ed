package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * write_hdr_log from a job's options: one HdrHistogram log per job clone, named as fio numbers its
 * log files, holding every I/O the report counts; a prefix that cannot be written and a bad
 * hdr_log_msec are one line each.
 */
class HdrLogOptionTest {
    @TempDir
    Path dir;

    @Test
    void eachCloneLogsEveryIoItReportsTaggedByDirectionAndKind() throws Exception {
        Path prefix = dir.resolve("lat");
        JfioRun r = JfioRun.run(
                "--name=t",
                "--ioengine=null",
                "--rw=randrw",
                "--bs=4k",
                "--size=64m",
                "--numjobs=2",
                "--hdr_log_msec=50",
                "--write_hdr_log=" + prefix,
                "--output-format=json");
        assertEquals(0, r.exit(), r.toString());
        Object json = r.json();
        for (int n = 1; n <= 2; n++) {
            Path log = dir.resolve("lat." + n + ".hlog");
            assertTrue(Files.exists(log), log + " (fio's job number N, from 1)");
            Map<String, Long> counts = new HashMap<>();
            Set<String> tags = new HashSet<>();
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                EncodableHistogram h;
                while ((h = reader.nextIntervalHistogram()) != null) {
                    tags.add(h.getTag());
                    counts.merge(h.getTag(), ((org.HdrHistogram.Histogram) h).getTotalCount(), Long::sum);
                }
            }
            assertEquals(Set.of("read.clat", "read.lat", "write.clat", "write.lat"), tags);
            assertEquals(
                    MiniJson.integer(json, "jobs", n - 1, "read", "total_ios"), counts.get("read.clat"), "clone " + n);
            assertEquals(
                    MiniJson.integer(json, "jobs", n - 1, "write", "total_ios"), counts.get("write.lat"), "clone " + n);
        }
    }

    @Test
    void aPrefixInAMissingDirectoryIsOneLine() {
        Path prefix = dir.resolve("missing").resolve("lat");
        JfioRun r = JfioRun.run("--name=t", "--ioengine=null", "--size=1m", "--write_hdr_log=" + prefix);
        assertEquals(1, r.exit(), r.toString());
        assertEquals(
                "jfio: t: write_hdr_log=" + prefix + ": cannot create " + prefix + ".1.hlog: no such directory "
                        + dir.resolve("missing"),
                r.err().strip());
    }

    @Test
    void anIntervalBelowTenMillisecondsIsRefused() {
        JfioRun r = JfioRun.run("--name=t", "--ioengine=null", "--size=1m", "--hdr_log_msec=5");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("hdr_log_msec must be at least 10, got 5"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
