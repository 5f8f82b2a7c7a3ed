package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parsing of latency_target and friends, max_latency, the thinktime controls, io_submit_mode, rwmixcycle. */
class LatencyOptionsTest {
    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private static String error(String... args) {
        return assertThrows(JobSpecException.class, () -> cmd(args)).getMessage();
    }

    @Test
    void latencyTargetTimesAreMicrosecondsWhenBareAndThePercentileDefaultsToAll() {
        LatencyControl l = cmd("--latency_target=500", "--latency_window=2s", "--latency_run=1")
                .latency();
        assertEquals(500_000, l.targetNanos());
        assertEquals(2_000_000_000L, l.windowNanos());
        assertEquals(100.0, l.percentile());
        assertTrue(l.run());
        assertEquals(99.5, cmd("--latency_percentile=99.5").latency().percentile());
        assertTrue(error("--latency_percentile=101").contains("latency_percentile must be from 0 to 100"));
    }

    @Test
    void maxLatencyIsPerDirectionAndOneValueCoversAll() {
        assertArrayEquals(
                new long[] {5_000_000, 5_000_000, 5_000_000},
                cmd("--max_latency=5ms").latency().maxNanos());
        assertArrayEquals(
                new long[] {0, 250_000, 250_000},
                cmd("--max_latency=,250").latency().maxNanos());
        assertTrue(error("--max_latency=fast").contains("max_latency"));
    }

    @Test
    void thinktimeControls() {
        ThinkTime t = cmd(
                        "--thinktime=1s",
                        "--thinktime_blocks_type=issue",
                        "--thinktime_iotime=9",
                        "--rate_ignore_thinktime")
                .thinkTime();
        assertTrue(t.issueSide());
        assertEquals(9_000_000_000L, t.iotimeNanos(), "thinktime_iotime is seconds when bare");
        assertTrue(t.rateIgnores());
        assertFalse(t.blocksSet());
        assertFalse(cmd("--thinktime=1").thinkTime().issueSide(), "complete is the default");
        assertTrue(error("--thinktime_blocks_type=sometimes").contains("accepted: complete, issue"));
    }

    @Test
    void submitModeAndOverlap() {
        assertFalse(cmd("--io_submit_mode=inline").latency().offload());
        assertTrue(cmd("--io_submit_mode=offload").latency().offload());
        assertTrue(cmd("--serialize_overlap=1").latency().serializeOverlap());
        assertTrue(error("--io_submit_mode=later").contains("accepted: inline, offload"));
    }

    @Test
    void rwmixcycleIsRefusedAsFioRefusesIt() {
        assertTrue(error("--rwmixcycle=500").contains("option rwmixcycle is deprecated"));
    }

    @Test
    void iodepthBatchCompleteOmitIsNoFioOption() {
        assertTrue(error("--iodepth_batch_complete_omit=1").contains("unknown option 'iodepth_batch_complete_omit'"));
    }
}
