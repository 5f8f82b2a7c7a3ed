package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * write_hdr_log's file is HdrHistogram's interval log: HdrHistogram's own HistogramLogReader reads
 * each interval back, tagged by direction and latency kind, with exactly the latencies recorded in
 * it; HistogramLogProcessor prints its percentiles.
 */
class HdrIntervalLogTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private Path logOf(boolean slat) throws Exception {
        JobStats s = new JobStats(new boolean[] {true, true, false}, slat, false, 4);
        Path file = dir.resolve("job.1.hlog");
        HdrIntervalLog[] log = new HdrIntervalLog[1];
        s.configureIntervals(SECOND, tags -> {
            try {
                return log[0] = new HdrIntervalLog(file, tags, "test-hdr-log");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        s.begin(0);
        for (int second = 1; second <= 3; second++) {
            for (int i = 0; i < 1000 * second; i++) {
                s.recordIo(IoOp.READ, 4096, 4096, slat ? 1_000 : -1, 100_000L * second, 100_000L * second + 7, -1);
            }
            s.recordIo(IoOp.WRITE, 4096, 4096, slat ? 1_000 : -1, 5_000_000, 5_000_007, -1);
            s.tick(second * SECOND);
        }
        s.end(3 * SECOND);
        log[0].close();
        return file;
    }

    @Test
    void histogramLogReaderReadsEachIntervalTaggedWithExactlyItsLatencies() throws Exception {
        Path file = logOf(true);
        List<EncodableHistogram> read = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                tags.add(h.getTag());
                if ("read.clat".equals(h.getTag())) {
                    read.add(h);
                }
            }
        }
        assertTrue(
                tags.containsAll(List.of("read.slat", "read.clat", "read.lat", "write.clat", "write.lat")),
                tags.toString());
        assertEquals(3, read.size(), "one read.clat histogram per interval");
        for (int i = 0; i < 3; i++) {
            Histogram h = (Histogram) read.get(i);
            assertEquals(1000L * (i + 1), h.getTotalCount(), "interval " + i);
            assertEquals(100_000L * (i + 1), h.getValueAtPercentile(50), 100.0 * (i + 1), "interval " + i);
            assertEquals(i, h.getStartTimeStamp() / 1000.0 - read.get(0).getStartTimeStamp() / 1000.0, 0.001);
        }
    }

    @Test
    void histogramLogProcessorPrintsThePercentilesOfATag() throws Exception {
        Path file = logOf(false);
        Path out = dir.resolve("processed");
        PrintStream stdout = System.out;
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(ignored, true, StandardCharsets.UTF_8));
            // what HistogramLogProcessor.main runs, on this thread so the test can wait for it
            new HistogramLogProcessor(new String[] {"-i", file.toString(), "-o", out.toString(), "-tag", "read.clat"})
                    .run();
        } finally {
            System.setOut(stdout);
        }
        String hgrm = Files.readString(dir.resolve("processed.hgrm"));
        // 6000 reads: 1000 at 0.1 ms, 2000 at 0.2 ms, 3000 at 0.3 ms; values in ms (ratio 1e6)
        assertTrue(hgrm.contains("Total count    =         6000"), hgrm);
        assertTrue(hgrm.contains("#[Max     =        0.300"), hgrm);
        String median = hgrm.lines()
                .filter(l -> l.contains(" 0.500000000000 "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(hgrm));
        assertTrue(median.trim().startsWith("0.200"), median);
        String intervals = Files.readString(out);
        assertEquals(3, intervals.lines().filter(l -> l.matches("\\s*[0-9].*")).count(), intervals);
    }
}
