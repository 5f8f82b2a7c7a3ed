package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jfio.spi.IoOp;
import dev.jfio.stats.IntervalResult;
import dev.jfio.testing.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntervalLinesTest {
    private static final long MS = 1_000_000L;

    @Test
    void aJobsIntervalIsOneJsonObjectOnOneLine() {
        IntervalResult r = new IntervalResult(
                "a \"quoted\" job",
                1,
                0,
                1,
                false,
                1_000 * MS,
                1_500 * MS,
                false,
                List.of(
                        new IntervalResult.Direction(IoOp.READ, 1000, 4_096_000, 1000, 10, 20, 30, 40, 50, 60),
                        new IntervalResult.Direction(IoOp.WRITE, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        String line = IntervalLines.json(r, 500 * MS, 1_700_000_000_000L);
        assertFalse(line.contains("\n"));
        Object doc = MiniJson.parse(line);
        assertEquals(1000, MiniJson.integer(doc, "time_ms"), "since the run started, at the interval's end");
        assertEquals(1_700_000_001_000L, MiniJson.integer(doc, "unix_ms"));
        assertEquals(500.0, MiniJson.number(doc, "span_ms"));
        assertEquals("job", MiniJson.at(doc, "scope"));
        assertEquals("a \"quoted\" job", MiniJson.at(doc, "job"));
        assertEquals(1, MiniJson.integer(doc, "clone"));
        assertEquals(2000.0, MiniJson.number(doc, "read", "iops"), "1000 I/Os in half a second");
        assertEquals(8_192_000, MiniJson.integer(doc, "read", "bw_bytes"));
        assertEquals(8000, MiniJson.integer(doc, "read", "bw"), "KiB/s, as fio's json bw");
        assertEquals(30, MiniJson.integer(doc, "read", "clat_ns", "p90"));
        assertEquals(50, MiniJson.integer(doc, "read", "clat_ns", "p99.9"));
        assertEquals(60, MiniJson.integer(doc, "read", "clat_ns", "max"));
        assertFalse(((Map<?, ?>) MiniJson.at(doc, "write")).containsKey("clat_ns"), "no latency without samples");
        assertEquals(0, MiniJson.integer(doc, "write", "ios"));
    }

    @Test
    void aGroupsLineSaysSoAndHasNoCloneIndex() {
        IntervalResult r = new IntervalResult("g", -1, 3, 4, true, 0, MS, true, List.of());
        Object doc = MiniJson.parse(IntervalLines.json(r, 0, 0));
        assertEquals("group", MiniJson.at(doc, "scope"));
        assertEquals(4, MiniJson.integer(doc, "jobs"));
        assertEquals(3, MiniJson.integer(doc, "groupid"));
        assertEquals(true, MiniJson.at(doc, "last"));
        assertFalse(((Map<?, ?>) doc).containsKey("clone"));
    }
}
