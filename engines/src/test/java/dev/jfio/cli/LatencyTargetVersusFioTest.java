package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import org.junit.jupiter.api.Test;

/** latency_target's search against fio 3.33 on the null engine, which meets any sane target at every depth. */
class LatencyTargetVersusFioTest {
    private static final String[] JOB = {
        "--name=lt",
        "--ioengine=null",
        "--size=100g",
        "--iodepth=8",
        "--rw=randread",
        "--latency_target=500ms",
        "--latency_window=200ms",
        "--time_based",
        "--runtime=20",
        "--output-format=json"
    };

    @Test
    void bothRampToIodepthAndReportOnlyTheFinalWindow() throws Exception {
        Object fio = MiniJson.parse(RealFio.run(JOB));
        JfioRun ours = JfioRun.run(JOB);
        assertEquals(0, ours.exit(), ours.toString());
        Object jfio = ours.json();
        for (String key : new String[] {"latency_depth", "latency_target", "latency_window", "latency_percentile"}) {
            assertEquals(MiniJson.number(fio, "jobs", 0, key), MiniJson.number(jfio, "jobs", 0, key), key);
        }
        assertEquals(8, MiniJson.integer(jfio, "jobs", 0, "latency_depth"));
        for (Object doc : new Object[] {fio, jfio}) {
            long runtime = MiniJson.integer(doc, "jobs", 0, "job_runtime");
            assertTrue(runtime >= 200 && runtime < 1000, "one 200 ms window after the search, not runtime: " + runtime);
        }
    }
}
